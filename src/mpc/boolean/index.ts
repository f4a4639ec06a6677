/** 3-party replicated XOR sharing of bits and 64-bit words: pure functions, no I/O. */

export type { BooleanShare, BooleanShares } from './BooleanShare.ts'
export { halvesOf, packBits, unpackBits, wordsForBits } from './bitLayout.ts'
export { bitSlice, bitSliceInto, unBitSlice } from './bitSlice.ts'
export { notBits } from './notBits.ts'
export { reconstructBoolean } from './reconstructBoolean.ts'
export { shareBoolean } from './shareBoolean.ts'
export { xorBits } from './xorBits.ts'
export { xorPublic } from './xorPublic.ts'
