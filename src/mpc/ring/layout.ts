/**
 * How a ring vector lies in memory. A `BigUint64Array` stores each element in the platform's byte
 * order; `ringSum` reads it as pairs of 32-bit words, and the wire form is little-endian. Every
 * module that looks at the words or bytes of a vector goes through
 * these constants, so a big-endian host stays correct.
 */
export const isLittleEndian: boolean = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** Index of the low 32-bit word of element `i` is `2 * i + lowWord`. */
export const lowWord: 0 | 1 = isLittleEndian ? 0 : 1
/** Index of the high 32-bit word of element `i` is `2 * i + highWord`. */
export const highWord: 0 | 1 = isLittleEndian ? 1 : 0

/** The 32-bit words of `vector`, sharing its memory. */
export function wordsOf(vector: BigUint64Array): Uint32Array {
  return new Uint32Array(vector.buffer, vector.byteOffset, vector.length * 2)
}
