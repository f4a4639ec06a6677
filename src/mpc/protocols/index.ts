/**
 * Protocols over sessions: input, randomness, re-randomisation, arithmetic (integer and fixed
 * point), output. Each works on whole vectors with one message per peer per round.
 */
export { checkInputConsistency } from './checkInputConsistency.ts'
export { divideByPublic } from './divideByPublic.ts'
export { dotProduct } from './dotProduct.ts'
export { type DotProductPair, dotProducts } from './dotProducts.ts'
export { dotProductsFixed } from './dotProductsFixed.ts'
export { gramMatrix } from './gramMatrix.ts'
export { inputFromOwner } from './inputFromOwner.ts'
export { inputFromParty } from './inputFromParty.ts'
export { multiply } from './multiply.ts'
export { multiplyFixed } from './multiplyFixed.ts'
export { outputToReceiver } from './outputToReceiver.ts'
export { randomShares } from './randomShares.ts'
export { reshare } from './reshare.ts'
export { reshareAdditive } from './reshareAdditive.ts'
export { reshareDivided } from './reshareDivided.ts'
export { revealToAll } from './revealToAll.ts'
export { truncate } from './truncate.ts'
export { receiveVector, sendVector } from './vectorMessages.ts'
