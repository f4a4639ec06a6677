import type { PartyIndex } from '../../sharing/index.ts'

/**
 * Conversions from arithmetic to boolean sharing (and back) use the replicated structure: party q
 * holds x_q and x_{q+1}, so it alone knows a = x_q + x_{q+1}, while parties q+1 and q+2 both
 * know b = x_{q+2}. Party q "deals" a as a fresh boolean sharing (one message to party q+1), and b
 * becomes a boolean sharing with no message at all. So that no party carries every message, the
 * words of a packed vector are cut into three near-equal runs and party q deals run q.
 *
 * Returns the word range [start, end) that `dealer` deals, out of `words`.
 */
export function dealerSegment(words: number, dealer: PartyIndex): readonly [number, number] {
  return [Math.floor((dealer * words) / 3), Math.floor(((dealer + 1) * words) / 3)]
}
