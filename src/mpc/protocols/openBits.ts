import type { BooleanShare } from '../boolean/index.ts'
import { assertSameLength } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty } from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Opens boolean shares to all three parties in one round: party i sends its `first` (x_i) to
 * party i+1, the one party that lacks it, and receives x_{i+2} from party i−1.
 * One word sent per party per word.
 *
 * @leakage the words, to every party. Callers document why that is safe (for example the
 * comparison outcomes of shuffled values in `sortByKey`).
 * @example
 * const words = await openBits(session, share)
 */
export async function openBits(session: Session, share: BooleanShare): Promise<BigUint64Array> {
  assertSameLength(share.first, share.second, 'share components')
  const step = session.nextStep()
  const party = session.partyIndex
  const length = share.first.length
  const [, missing] = await Promise.all([
    sendVector(session, nextParty(party), step, share.first),
    receiveVector(session, previousParty(party), step, length),
  ])
  const words = new BigUint64Array(length)
  const [a, b] = [share.first, share.second]
  for (let i = 0; i < length; i++) words[i] = a[i]! ^ b[i]! ^ missing[i]!
  return words
}
