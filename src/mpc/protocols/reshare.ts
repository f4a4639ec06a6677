import { TriadError } from '../../errors/index.ts'
import { ringAdd } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Re-randomises a replicated sharing in one round. Party i computes z_i = x_i + α_i with α a fresh
 * pseudorandom sharing of zero (`session.zeroShares`), sends z_i to party i−1 and receives z_{i+1}
 * from party i+1; its new share is (z_i, z_{i+1}). The new sharing has the same value and is
 * independent of the old one.
 *
 * @leakage none: every message is masked by α.
 * @example
 * const fresh = await reshare(session, share)
 */
export async function reshare(session: Session, share: ReplicatedShare): Promise<ReplicatedShare> {
  const length = share.first.length
  if (share.second.length !== length)
    throw new TriadError(
      'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
      'A share’s two components differ in length',
      {
        details: `${length} and ${share.second.length}`,
      },
    )
  const step = session.nextStep()
  const alpha = session.zeroShares(length)
  const mine = ringAdd(share.first, alpha, alpha)
  const party = session.partyIndex
  const [, fromNext] = await Promise.all([
    sendVector(session, previousParty(party), step, mine),
    receiveVector(session, nextParty(party), step, length),
  ])
  return { first: mine, second: fromNext }
}
