import { TriadError } from '../../errors/index.ts'
import { ringAdd } from '../ring/index.ts'
import { type PartyIndex, partyIndices, previousParty } from './party.ts'
import type { ReplicatedShares } from './ReplicatedShare.ts'

/**
 * Reconstructs x = x0 + x1 + x2 from all three parties' shares, after checking that the two copies
 * of every component agree (x_i is party i's `first` and party i-1's `second`). A disagreement means
 * a faulty or dishonest party, or shares from different computations.
 *
 * @throws TriadError TRIAD_ERR_SHARES_DISAGREE naming the component, the two parties and the index.
 * @example
 * const x = reconstructReplicated(shareReplicated(values)) // equals values
 */
export function reconstructReplicated(shares: ReplicatedShares): BigUint64Array {
  const length = shares[0].first.length
  for (const party of partyIndices) {
    const share = shares[party]
    if (share.first.length !== length || share.second.length !== length)
      throw new TriadError('TRIAD_ERR_SHARES_DISAGREE', 'The shares differ in length', {
        details: `party 0 holds ${length} elements, party ${party} holds ${share.first.length} and ${share.second.length}`,
      })
  }
  for (const party of partyIndices) checkComponent(shares, party)
  return ringAdd(ringAdd(shares[0].first, shares[1].first), shares[2].first)
}

function checkComponent(shares: ReplicatedShares, component: PartyIndex): void {
  const holder = previousParty(component)
  const a = shares[component].first
  const b = shares[holder].second
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i])
      throw new TriadError(
        'TRIAD_ERR_SHARES_DISAGREE',
        'Two parties hold different copies of a share',
        {
          details: `component x${component} differs between party ${component} and party ${holder} at index ${i}`,
          hint: 'One of the two parties is faulty, or the shares come from different computations.',
        },
      )
}
