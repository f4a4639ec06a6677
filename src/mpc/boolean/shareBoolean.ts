import { randomRingVector } from '../ring/index.ts'
import type { BooleanShares } from './BooleanShare.ts'

/**
 * Splits words into replicated XOR shares for parties 0, 1 and 2: x0 and x1 uniformly random,
 * x2 = x ⊕ x0 ⊕ x1; party i gets (x_i, x_{i+1}). The shares own their memory. For tests and for
 * a dealer of bits; the parties themselves make boolean shares with protocols.
 *
 * @example
 * const [b0, b1, b2] = shareBoolean(packBits([1, 0, 1]))
 */
export function shareBoolean(words: BigUint64Array): BooleanShares {
  const x0 = randomRingVector(words.length)
  const x1 = randomRingVector(words.length)
  const x2 = new BigUint64Array(words.length)
  for (let i = 0; i < words.length; i++) x2[i] = words[i]! ^ x0[i]! ^ x1[i]!
  return [
    { first: x0, second: x1 },
    { first: x1.slice(), second: x2 },
    { first: x2.slice(), second: x0.slice() },
  ]
}
