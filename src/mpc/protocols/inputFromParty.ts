import { TriadError } from '../../errors/index.ts'
import type { Session } from '../session/index.ts'
import {
  nextParty,
  type PartyIndex,
  previousParty,
  type ReplicatedShare,
} from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Input by one of the parties: party `owner` secret-shares its own vector. Two components come
 * from the PRFs the owner shares with each neighbour (c_o from k_o, held by o and o−1; c_{o+1} from
 * k_{o+1}, held by o and o+1), so only the third, c_{o+2} = x − c_o − c_{o+1}, is sent, to both
 * other parties. The owner passes its values; the others pass the length, which is public.
 *
 * Cost: the owner sends 2 ring elements per element (one to each peer), the others nothing; one
 * round.
 * @leakage none: c_{o+2} is masked, for party o+1 by c_o and for party o−1 by c_{o+1}.
 * @example
 * const share = await inputFromParty(session, 0, session.partyIndex === 0 ? myValues : n)
 */
export async function inputFromParty(
  session: Session,
  owner: PartyIndex,
  valuesOrLength: BigUint64Array | number,
): Promise<ReplicatedShare> {
  const party = session.partyIndex
  const isOwner = party === owner
  if (isOwner !== valuesOrLength instanceof BigUint64Array)
    throw new TriadError(
      'TRIAD_ERR_ALGORITHM_INPUT_INVALID',
      isOwner ? 'The owner of an input must pass its values' : 'Only the owner passes values',
      {
        details: `party ${party}, owner ${owner}`,
        hint: 'The owner passes a BigUint64Array; the other parties pass its length.',
      },
    )
  const length = typeof valuesOrLength === 'number' ? valuesOrLength : valuesOrLength.length
  if (!Number.isSafeInteger(length) || length < 0)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'An input length must be a count', {
      details: `${length}`,
    })
  const step = session.nextStep()
  if (typeof valuesOrLength !== 'number') {
    const own = session.ownRandom(length)
    const next = session.nextRandom(length)
    const rest = new BigUint64Array(length)
    for (let i = 0; i < length; i++) rest[i] = valuesOrLength[i]! - own[i]! - next[i]!
    await Promise.all([
      sendVector(session, nextParty(party), step, rest),
      sendVector(session, previousParty(party), step, rest),
    ])
    return { first: own, second: next }
  }
  if (party === nextParty(owner)) {
    // This party holds (c_{o+1}, c_{o+2}); c_{o+1} comes from its own key, shared with the owner.
    const own = session.ownRandom(length)
    return { first: own, second: await receiveVector(session, owner, step, length) }
  }
  // This party is o−1 and holds (c_{o+2}, c_o); c_o comes from its next key, the owner's own.
  const next = session.nextRandom(length)
  return { first: await receiveVector(session, owner, step, length), second: next }
}
