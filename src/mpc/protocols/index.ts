/** Protocols over sessions: input, re-randomisation, output. Multiplication and comparison come next. */
export { checkInputConsistency } from './checkInputConsistency.ts'
export { inputFromOwner } from './inputFromOwner.ts'
export { outputToReceiver } from './outputToReceiver.ts'
export { reshare } from './reshare.ts'
export { receiveVector, sendVector } from './vectorMessages.ts'
