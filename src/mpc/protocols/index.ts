/**
 * Protocols over sessions: input, randomness, re-randomisation, arithmetic (integer and fixed
 * point), output; boolean AND and opening; conversions between arithmetic and boolean sharing;
 * comparison, equality, selection, minimum and maximum; shuffle and sort. Each works on whole
 * vectors with one message per peer per round.
 */
export { andBits } from './andBits.ts'
export { bitDecompose } from './bitDecompose.ts'
export { bitToArithmetic } from './bitToArithmetic.ts'
export { checkInputConsistency } from './checkInputConsistency.ts'
export { type CountBitsParameters, countBits } from './countBits.ts'
export { divideByPublic } from './divideByPublic.ts'
export { divideFixed } from './divideFixed.ts'
export { dotProduct } from './dotProduct.ts'
export { type DotProductPair, dotProducts } from './dotProducts.ts'
export { dotProductsFixed } from './dotProductsFixed.ts'
export { equal } from './equal.ts'
export { gramMatrix } from './gramMatrix.ts'
export { inputFromOwner } from './inputFromOwner.ts'
export { inputFromParty } from './inputFromParty.ts'
export { type IsZeroOptions, isZero } from './isZero.ts'
export { leastSignificantBit } from './leastSignificantBit.ts'
export { lessThan } from './lessThan.ts'
export { maximum } from './maximum.ts'
export { maximumOf } from './maximumOf.ts'
export { minimum } from './minimum.ts'
export { minimumOf } from './minimumOf.ts'
export { type MostSignificantBitOptions, mostSignificantBit } from './mostSignificantBit.ts'
export { multiply } from './multiply.ts'
export { multiplyFixed } from './multiplyFixed.ts'
export { openBits } from './openBits.ts'
export { outputToReceiver } from './outputToReceiver.ts'
export { randomShares } from './randomShares.ts'
export { reciprocalFixed } from './reciprocalFixed.ts'
export { reshare } from './reshare.ts'
export { reshareAdditive } from './reshareAdditive.ts'
export { reshareDivided } from './reshareDivided.ts'
export { revealToAll } from './revealToAll.ts'
export { select } from './select.ts'
export {
  type SelectInBlocksParameters,
  type SelectOrderStatisticsOptions,
  selectInBlocks,
  selectOrderStatistics,
} from './selectOrderStatistics.ts'
export { shuffle } from './shuffle.ts'
export { type SortByKeyOptions, type SortByKeyResult, sortByKey } from './sortByKey.ts'
export { sqrtFixed } from './sqrtFixed.ts'
export { truncate } from './truncate.ts'
export { type TruncateExactParameters, truncateExact } from './truncateExact.ts'
export { receiveVector, sendVector } from './vectorMessages.ts'
