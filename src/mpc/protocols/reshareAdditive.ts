import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Turns a 3-out-of-3 additive sharing into a replicated one in one round: party i holds z_i with
 * z = z_0 + z_1 + z_2, sends z_i to party i−1 and receives z_{i+1} from party i+1; its replicated
 * share is (z_i, z_{i+1}). The z_i must already be masked by a fresh zero sharing
 * (`session.zeroShares`), as the output of a local product is after adding α.
 *
 * Cost: one ring element sent per party per element, one round.
 * @leakage none, given the masking: z_{i+1} is uniform to party i.
 * @example
 * const z = session.zeroShares(n) // then add this party's local products into z
 * const product = await reshareAdditive(session, z)
 */
export async function reshareAdditive(
  session: Session,
  z: BigUint64Array,
): Promise<ReplicatedShare> {
  const step = session.nextStep()
  const party = session.partyIndex
  const [, fromNext] = await Promise.all([
    sendVector(session, previousParty(party), step, z),
    receiveVector(session, nextParty(party), step, z.length),
  ])
  return { first: z, second: fromNext }
}
