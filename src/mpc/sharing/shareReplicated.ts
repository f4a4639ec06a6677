import { randomRingVector, ringSub } from '../ring/index.ts'
import type { ReplicatedShares } from './ReplicatedShare.ts'

/**
 * Splits `values` into replicated shares for parties 0, 1 and 2: x0 and x1 uniformly random,
 * x2 = x - x0 - x1. Party i gets (x_i, x_{i+1}). The shares own their memory (no aliasing between
 * parties or with `values`). This is how a data owner (a seller) inputs data: it shares locally and
 * sends share i to party i, sealed to that party; see `inputFromOwner` in protocols.
 *
 * @example
 * const [s0, s1, s2] = shareReplicated(encodeSigned([3n, -4n]))
 */
export function shareReplicated(values: BigUint64Array): ReplicatedShares {
  const x0 = randomRingVector(values.length)
  const x1 = randomRingVector(values.length)
  const x2 = ringSub(ringSub(values, x0), x1)
  return [
    { first: x0, second: x1 },
    { first: x1.slice(), second: x2 },
    { first: x2.slice(), second: x0.slice() },
  ]
}
