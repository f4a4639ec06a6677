import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { reshare } from './reshare.ts'

/**
 * Output to an external receiver (the buyer): re-randomises the sharing and returns this party's
 * fresh share, which the caller seals to the receiver's key and hands out. The receiver collects
 * the three shares, checks with `reconstructReplicated` that the copies agree, and adds them up.
 * The parties learn nothing; the receiver sees a uniformly random sharing of the result only,
 * independent of how the computation produced it.
 *
 * @leakage the value, to the receiver only.
 * @example
 * const forBuyer = await outputToReceiver(session, result)
 * const blob = encodeReplicatedShare(forBuyer) // then seal to the buyer's key
 */
export function outputToReceiver(
  session: Session,
  share: ReplicatedShare,
): Promise<ReplicatedShare> {
  return reshare(session, share)
}
