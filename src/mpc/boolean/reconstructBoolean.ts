import { TriadError } from '../../errors/index.ts'
import { partyIndices, previousParty } from '../sharing/index.ts'
import type { BooleanShares } from './BooleanShare.ts'

/**
 * Reconstructs x = x0 ⊕ x1 ⊕ x2 from all three parties' boolean shares, after checking that the
 * two copies of every component agree (as `reconstructReplicated` does for arithmetic shares).
 *
 * @throws TriadError TRIAD_ERR_SHARES_DISAGREE naming the component, the two parties and the word.
 * @example
 * const words = reconstructBoolean(shareBoolean(packBits([1, 0, 1])))
 */
export function reconstructBoolean(shares: BooleanShares): BigUint64Array {
  const length = shares[0].first.length
  for (const party of partyIndices) {
    const share = shares[party]
    if (share.first.length !== length || share.second.length !== length)
      throw new TriadError('TRIAD_ERR_SHARES_DISAGREE', 'The boolean shares differ in length', {
        details: `party 0 holds ${length} words, party ${party} holds ${share.first.length} and ${share.second.length}`,
      })
  }
  for (const component of partyIndices) {
    const holder = previousParty(component)
    const a = shares[component].first
    const b = shares[holder].second
    for (let i = 0; i < length; i++)
      if (a[i] !== b[i])
        throw new TriadError(
          'TRIAD_ERR_SHARES_DISAGREE',
          'Two parties hold different copies of a boolean share',
          {
            details: `component x${component} differs between party ${component} and party ${holder} at word ${i}`,
            hint: 'One of the two parties is faulty, or the shares come from different computations.',
          },
        )
  }
  const out = new BigUint64Array(length)
  const [x0, x1, x2] = [shares[0].first, shares[1].first, shares[2].first]
  for (let i = 0; i < length; i++) out[i] = x0[i]! ^ x1[i]! ^ x2[i]!
  return out
}
