import type { BooleanShare } from '../boolean/index.ts'
import { ringSub } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { isZero } from './isZero.ts'

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
  return isZero(session, {
    first: ringSub(x.first, y.first),
    second: ringSub(x.second, y.second),
  })
}
