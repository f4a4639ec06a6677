import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { lessThan } from './lessThan.ts'
import { select } from './select.ts'

/**
 * Element-wise minimum of two vectors of signed 64-bit integers: select(x < y, x, y).
 * Exact within the range of `lessThan` (x − y must not overflow).
 * Cost: 11 rounds; ≈ 44 bytes per element and party.
 *
 * @leakage none
 * @example
 * const lower = await minimum(session, x, y)
 */
export async function minimum(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<ReplicatedShare> {
  return select(session, await lessThan(session, x, y), x, y)
}
