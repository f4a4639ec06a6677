import { assertSameLength } from '../ring/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import type { BooleanShare } from './BooleanShare.ts'

/**
 * x ⊕ c for public words c: component x0 absorbs c, so party 0 changes its `first` and party 2
 * its `second`; party 1's share is unchanged. Local. NOT is `xorPublic` with all ones
 * (see `notBits`).
 *
 * @leakage none
 * @example
 * const flipped = xorPublic(share, session.partyIndex, packBits([1, 0, 1]))
 */
export function xorPublic(
  share: BooleanShare,
  party: PartyIndex,
  constant: BigUint64Array,
): BooleanShare {
  assertSameLength(share.first, constant, 'bit vector and constant')
  if (party === 1) return { first: share.first.slice(), second: share.second.slice() }
  const flip = (words: BigUint64Array) => {
    const out = new BigUint64Array(words.length)
    for (let i = 0; i < words.length; i++) out[i] = words[i]! ^ constant[i]!
    return out
  }
  return party === 0
    ? { first: flip(share.first), second: share.second.slice() }
    : { first: share.first.slice(), second: flip(share.second) }
}
