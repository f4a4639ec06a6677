import { type Cipher, createCipheriv } from 'node:crypto'
import { TriadError } from '../../errors/index.ts'
import { ringFromBytes } from '../ring/index.ts'

/** Bytes in a PRF seed (an AES-256 key). */
export const seedBytes = 32

const zeroIv = new Uint8Array(16)

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

  /** The next `length` elements of the stream (8 keystream bytes each, little-endian). */
  next(length: number): BigUint64Array {
    const keystream = this.#cipher.update(new Uint8Array(length * 8))
    return ringFromBytes(keystream, 0, length)
  }
}
