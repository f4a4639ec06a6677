import { fixedPointScale } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { divideByPublic } from './divideByPublic.ts'

/**
 * Probabilistic truncation: x / 2^bits rounded stochastically, for signed x, in one round (see
 * `divideByPublic` for the error and the failure probability |x|/2^64). Fixed-point protocols
 * fuse it into their own round; call it alone after local arithmetic that doubled the scale.
 *
 * @leakage none.
 * @example
 * const rescaled = await truncate(session, scaledTwice, 16)
 */
export function truncate(
  session: Session,
  x: ReplicatedShare,
  bits: number,
): Promise<ReplicatedShare> {
  return divideByPublic(session, x, fixedPointScale(bits))
}
