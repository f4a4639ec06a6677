/** Z_2^64: vector arithmetic, randomness, integer encoding and the wire form of ring vectors. */
export { ringFromBytes, ringToBytes, ringView } from './bytes.ts'
export {
  ringDivide,
  ringDivideNegated,
  ringDivideSub,
  ringSumDivideNegated,
} from './divide.ts'
export {
  decodeSigned,
  decodeSignedValue,
  decodeUnsigned,
  encodeSigned,
  encodeSignedValue,
  encodeUnsigned,
} from './encoding.ts'
export {
  decodeFixed,
  defaultFractionalBits,
  encodeFixed,
  fixedPointScale,
} from './fixedPoint.ts'
export { randomRingVector } from './random.ts'
export {
  assertSameLength,
  ringAdd,
  ringMul,
  ringMulScalar,
  ringNeg,
  ringSub,
  ringSum,
} from './vector.ts'
