import { assertSameLength, ringAdd } from '../ring/index.ts'
import type { PartyIndex } from './party.ts'
import type { ReplicatedShare } from './ReplicatedShare.ts'

/**
 * Party `party`'s share of x + c for a public vector c, locally: c is added to the component x_0,
 * which party 0 holds first and party 2 holds second; party 1's share is unchanged.
 *
 * @example
 * const plusOne = addPublic(share, session.partyIndex, new BigUint64Array(share.first.length).fill(1n))
 */
export function addPublic(
  share: ReplicatedShare,
  party: PartyIndex,
  constant: BigUint64Array,
): ReplicatedShare {
  if (party === 0) return { first: ringAdd(share.first, constant), second: share.second }
  if (party === 2) return { first: share.first, second: ringAdd(share.second, constant) }
  assertSameLength(share.first, constant, 'share and constant')
  return share
}
