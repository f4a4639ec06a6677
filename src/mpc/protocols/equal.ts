import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { zeroOfDifference } from './circuits/differenceTests.ts'

/**
 * x = y element-wise (all 64 bits), as packed secret bits: `isZero(x − y)`. Exact for every
 * input. Cost: 7 rounds, ≈ 11 bytes per element and party.
 *
 * @leakage none
 * @example
 * const same = await equal(session, x, y)
 */
export function equal(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<BooleanShare> {
  return zeroOfDifference(session, x, y)
}
