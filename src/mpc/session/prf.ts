import { type Cipher, createCipheriv } from 'node:crypto'
import { TriadError } from '../../errors/index.ts'
import { ringView } from '../ring/index.ts'

/** Bytes in a PRF seed (an AES-256 key). */
export const seedBytes = 32

const zeroIv = new Uint8Array(16)

/**
 * The plaintext a draw encrypts: counter mode turns zeros into the keystream. Shared and never
 * written; a draw longer than this encrypts it several times.
 */
const zeros = new Uint8Array(1 << 20)

/**
 * A pseudorandom stream of ring elements: AES-256 in counter mode keyed by a 32-byte seed, the
 * counter starting at zero and advancing with every element drawn. Two parties holding the same
 * seed and drawing the same lengths in the same order get the same elements.
 */
export class AesCtrPrf {
  readonly #cipher: Cipher

  constructor(seed: Uint8Array) {
    if (seed.length !== seedBytes)
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A PRF seed must be 32 bytes', {
        details: `${seed.length} bytes`,
      })
    this.#cipher = createCipheriv('aes-256-ctr', seed, zeroIv)
  }

  /**
   * The next `length` elements of the stream (8 keystream bytes each, little-endian). One AES call
   * per MiB; the result is the cipher's own output buffer when it is aligned (no copy).
   */
  next(length: number): BigUint64Array {
    const bytes = length * 8
    if (bytes <= zeros.length)
      return ringView(this.#cipher.update(zeros.subarray(0, bytes)), 0, length)
    const out = new BigUint64Array(length)
    const perChunk = zeros.length / 8
    for (let start = 0; start < length; start += perChunk) {
      const count = Math.min(perChunk, length - start)
      out.set(ringView(this.#cipher.update(zeros.subarray(0, count * 8)), 0, count), start)
    }
    return out
  }
}
