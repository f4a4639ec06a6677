import { assertSameLength } from '../ring/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import type { BooleanShare } from './BooleanShare.ts'
import { halvesOf } from './bitLayout.ts'

/**
 * x ⊕ c for public words c: component x0 absorbs c, so party 0 changes its `first` and party 2
 * its `second`; party 1's share is unchanged. Local. Writes into `out` when given (which may be
 * `share` itself). NOT is `xorPublic` with all ones (see `notBits`).
 *
 * @leakage none
 * @example
 * const flipped = xorPublic(share, session.partyIndex, packBits([1, 0, 1]))
 */
export function xorPublic(
  share: BooleanShare,
  party: PartyIndex,
  constant: BigUint64Array,
  out?: BooleanShare,
): BooleanShare {
  assertSameLength(share.first, constant, 'bit vector and constant')
  if (out !== undefined) assertSameLength(share.first, out.first, 'input and output bit vectors')
  const result = out ?? {
    first: new BigUint64Array(share.first.length),
    second: new BigUint64Array(share.first.length),
  }
  const c = halvesOf(constant)
  const flip = (from: BigUint64Array, to: BigUint64Array) => {
    const [a, b] = [halvesOf(from), halvesOf(to)]
    for (let i = 0; i < a.length; i++) b[i] = a[i]! ^ c[i]!
  }
  const copy = (from: BigUint64Array, to: BigUint64Array) => {
    if (from !== to) to.set(from)
  }
  if (party === 0) flip(share.first, result.first)
  else copy(share.first, result.first)
  if (party === 2) flip(share.second, result.second)
  else copy(share.second, result.second)
  return result
}
