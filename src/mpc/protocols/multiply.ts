import { assertSameLength } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Element-wise product of two shared vectors in one round (Araki et al., CCS 2016). Party i holds
 * (x_i, x_{i+1}) and (y_i, y_{i+1}) and computes its 3-out-of-3 share of the product
 * z_i = x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i + α_i, with α a fresh zero-sharing; it sends z_i to
 * party i−1 and receives z_{i+1} from party i+1, so its product share is (z_i, z_{i+1}).
 * Cost: one ring element sent per party per element, one round.
 *
 * @leakage none: every message is masked by α.
 * @example
 * const product = await multiply(session, x, y)
 */
export async function multiply(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<ReplicatedShare> {
  const length = x.first.length
  assertSameLength(x.first, x.second, 'share components')
  assertSameLength(x.first, y.first, 'factors')
  assertSameLength(y.first, y.second, 'share components')
  const step = session.nextStep()
  const z = session.zeroShares(length)
  const x0 = x.first
  const x1 = x.second
  const y0 = y.first
  const y1 = y.second
  for (let i = 0; i < length; i++)
    z[i] = z[i]! + x0[i]! * y0[i]! + x0[i]! * y1[i]! + x1[i]! * y0[i]!
  const party = session.partyIndex
  const [, fromNext] = await Promise.all([
    sendVector(session, previousParty(party), step, z),
    receiveVector(session, nextParty(party), step, length),
  ])
  return { first: z, second: fromNext }
}
