/** Protocols over sessions: input, re-randomisation, output. Multiplication; comparison comes next. */
export { checkInputConsistency } from './checkInputConsistency.ts'
export { inputFromOwner } from './inputFromOwner.ts'
export { multiply } from './multiply.ts'
export { outputToReceiver } from './outputToReceiver.ts'
export { reshare } from './reshare.ts'
export { receiveVector, sendVector } from './vectorMessages.ts'
