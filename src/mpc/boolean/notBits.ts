import type { PartyIndex } from '../sharing/index.ts'
import type { BooleanShare } from './BooleanShare.ts'
import { xorPublic } from './xorPublic.ts'

/**
 * NOT x on boolean shares: every bit of every word flipped (padding bits too; they stay
 * don't-care). Local. Writes into `out` when given (which may be `share` itself).
 *
 * @leakage none
 * @example
 * const notX = notBits(share, session.partyIndex)
 */
export function notBits(share: BooleanShare, party: PartyIndex, out?: BooleanShare): BooleanShare {
  const ones = new BigUint64Array(share.first.length).fill(0xffffffffffffffffn)
  return xorPublic(share, party, ones, out)
}
