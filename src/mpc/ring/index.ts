/** Z_2^64: vector arithmetic, randomness, integer encoding and the wire form of ring vectors. */
export { ringFromBytes, ringToBytes } from './bytes.ts'
export {
  decodeSigned,
  decodeSignedValue,
  decodeUnsigned,
  encodeSigned,
  encodeSignedValue,
  encodeUnsigned,
} from './encoding.ts'
export { randomRingVector } from './random.ts'
export { assertSameLength, ringAdd, ringNeg, ringSub, ringSum } from './vector.ts'
