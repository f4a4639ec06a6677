import { assertSameLength } from '../ring/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import type { BooleanShare } from './BooleanShare.ts'
import { halvesOf } from './bitLayout.ts'

/**
 * NOT x on boolean shares: every bit of every word flipped (padding bits too; they stay
 * don't-care). Component x0 absorbs the flip, so party 0 flips its `first`, party 2 its `second`,
 * party 1 only copies. Local. Writes into `out` when given (which may be `share` itself).
 *
 * @leakage none
 * @example
 * const notX = notBits(share, session.partyIndex)
 */
export function notBits(share: BooleanShare, party: PartyIndex, out?: BooleanShare): BooleanShare {
  if (out !== undefined) assertSameLength(share.first, out.first, 'input and output bit vectors')
  const result = out ?? {
    first: new BigUint64Array(share.first.length),
    second: new BigUint64Array(share.first.length),
  }
  const apply = (from: BigUint64Array, to: BigUint64Array, flip: boolean) => {
    if (!flip) {
      if (from !== to) to.set(from)
      return
    }
    const [a, b] = [halvesOf(from), halvesOf(to)]
    for (let i = 0; i < a.length; i++) b[i] = ~a[i]!
  }
  apply(share.first, result.first, party === 0)
  apply(share.second, result.second, party === 2)
  return result
}
