import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Opens a shared vector to all three parties: party i lacks only the component x_{i−1}, which
 * party i−1 holds first, so every party sends its first component to the next one. Returns the
 * values (mod 2^64). Use it only where the algorithm's documented leakage allows the parties to
 * learn the value; results for the buyer go out with `outputToReceiver`.
 *
 * Cost: one ring element sent per party per element, one round.
 * @leakage the value, to the three parties.
 * @example
 * const count = await revealToAll(session, filteredCount)
 */
export async function revealToAll(
  session: Session,
  share: ReplicatedShare,
): Promise<BigUint64Array> {
  const length = share.first.length
  const step = session.nextStep()
  const party = session.partyIndex
  const [, missing] = await Promise.all([
    sendVector(session, nextParty(party), step, share.first),
    receiveVector(session, previousParty(party), step, length),
  ])
  const out = new BigUint64Array(length)
  const a = share.first
  const b = share.second
  for (let i = 0; i < length; i++) out[i] = a[i]! + b[i]! + missing[i]!
  return out
}
