import { TriadError } from '../../errors/index.ts'
import { isLittleEndian } from '../ring/layout.ts'

/**
 * How bits lie in words. A vector of n bits is packed into ⌈n/64⌉ 64-bit words: bit j is bit
 * j mod 64 of word ⌊j/64⌋. Bits past n in the last word are padding: protocols may leave any value
 * there, and every reader masks them off.
 *
 * The kernels work on 32-bit halves (V8 runs shift-and-mask code on Int32Array far faster than
 * on BigUint64Array). Half h of the bit vector (bits 32h .. 32h+31) is 32-bit word
 * `h ^ halfSwap` of the vector's Int32Array view.
 */
export const halfSwap: 0 | 1 = isLittleEndian ? 0 : 1

/** Words needed for `bits` packed bits. */
export function wordsForBits(bits: number): number {
  return Math.ceil(bits / 64)
}

/** The 32-bit view of a word vector, sharing its memory. */
export function halvesOf(words: BigUint64Array): Int32Array {
  return new Int32Array(words.buffer, words.byteOffset, words.length * 2)
}

/**
 * Packs bits (any truthy value is 1) into words.
 *
 * @example
 * packBits([1, 0, 1]) // BigUint64Array [5n]
 */
export function packBits(bits: ArrayLike<number | boolean>): BigUint64Array {
  const words = new BigUint64Array(wordsForBits(bits.length))
  const halves = halvesOf(words)
  for (let j = 0; j < bits.length; j++)
    if (bits[j]) halves[(j >>> 5) ^ halfSwap] = halves[(j >>> 5) ^ halfSwap]! | (1 << (j & 31))
  return words
}

/**
 * The first `length` bits of packed words, one byte (0 or 1) per bit.
 *
 * @example
 * unpackBits(new BigUint64Array([5n]), 3) // Uint8Array [1, 0, 1]
 */
export function unpackBits(words: BigUint64Array, length: number): Uint8Array {
  if (length > words.length * 64)
    throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'Too few words for the bits asked', {
      details: `${length} bits from ${words.length} words`,
    })
  const halves = halvesOf(words)
  const bits = new Uint8Array(length)
  for (let j = 0; j < length; j++) bits[j] = (halves[(j >>> 5) ^ halfSwap]! >>> (j & 31)) & 1
  return bits
}
