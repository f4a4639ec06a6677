import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { signOfDifference } from './circuits/differenceTests.ts'

/**
 * x < y element-wise, as signed 64-bit integers, as packed secret bits: the sign bit of x − y.
 *
 * Exact whenever x − y does not overflow, that is when −2^63 ≤ x − y < 2^63; in particular for
 * all x, y in [−2^62, 2^62). Outside that range the result is the sign of the wrapped difference.
 * Cost: that of `mostSignificantBit` (8 rounds, ≈ 25 bytes per element and party).
 *
 * @leakage none
 * @example
 * const below = await lessThan(session, x, y)
 */
export function lessThan(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<BooleanShare> {
  return signOfDifference(session, x, y, 64)
}
