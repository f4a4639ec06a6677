import { createCipheriv } from 'node:crypto'
import { ringToBytes } from '../../ring/index.ts'

/** 32-bit draws fetched from the keystream at a time. */
const drawsPerBlock = 4096

/**
 * A uniformly random permutation of [0, n), derived from a 4-word (32-byte) seed: Fisher–Yates
 * driven by AES-256-CTR(seed) read as little-endian u32, with rejection sampling so that every
 * index is exactly uniform. Two parties with the same seed get the same permutation; without the
 * seed it is unpredictable. `permutation[i]` is the old position of the element that moves to i.
 */
export function randomPermutation(seed: BigUint64Array, n: number): Uint32Array {
  const cipher = createCipheriv('aes-256-ctr', ringToBytes(seed), new Uint8Array(16))
  const zeros = new Uint8Array(4 * drawsPerBlock)
  let block = Buffer.alloc(0)
  let at = 0
  const draw = (): number => {
    if (at === block.length) {
      block = cipher.update(zeros)
      at = 0
    }
    const value = block.readUInt32LE(at)
    at += 4
    return value
  }
  const permutation = new Uint32Array(n)
  for (let i = 0; i < n; i++) permutation[i] = i
  for (let i = n - 1; i > 0; i--) {
    const bound = i + 1
    const limit = 2 ** 32 - (2 ** 32 % bound)
    let r = draw()
    while (r >= limit) r = draw()
    const j = r % bound
    const t = permutation[i]!
    permutation[i] = permutation[j]!
    permutation[j] = t
  }
  return permutation
}
