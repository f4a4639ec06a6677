import { TriadError } from '../../errors/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { reshareDivided } from './reshareDivided.ts'

/**
 * Divides a shared vector of signed integers by a public positive integer d, element-wise, in one
 * round: each party masks its component x_i with a zero sharing (a 3-out-of-3 sharing of x) and
 * `reshareDivided` does the rest. The result is ⌊x/d⌋ or ⌈x/d⌉, rounded stochastically (equal to
 * x/d in expectation, exact when d divides x), except with probability |x|/2^64 per element, when
 * it is off by about 2^64/d.
 *
 * For fixed-point x with any number of fractional bits the same call divides the real value by d.
 * Truncation by f bits is the case d = 2^f.
 *
 * Cost: one ring element sent per party per element, one round.
 * @leakage none.
 * @example
 * const mean = await divideByPublic(session, total, 1000n)
 */
export function divideByPublic(
  session: Session,
  x: ReplicatedShare,
  divisor: bigint,
): Promise<ReplicatedShare> {
  if (x.first.length !== x.second.length)
    throw new TriadError(
      'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
      'A share’s two components differ in length',
      {
        details: `${x.first.length} and ${x.second.length}`,
      },
    )
  const z = session.zeroShares(x.first.length)
  const x0 = x.first
  for (let i = 0; i < z.length; i++) z[i] = z[i]! + x0[i]!
  return reshareDivided(session, z, divisor)
}
