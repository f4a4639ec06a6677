import { type BooleanShare, xorBits } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { dealSummands } from './circuits/dealSummands.ts'

/**
 * The lowest bit of every element (x mod 2), as packed secret bits: the arithmetic sharing
 * becomes two boolean summands with a + b = x (`dealSummands`, one plane), and bit 0 of a sum
 * has no carry in, so it is a_0 ⊕ b_0. Turns a 0/1 arithmetic vector (an availability mask) into
 * a boolean one, or gives the parity of a count.
 *
 * Cost: one round; per element and party about a third of a bit sent.
 *
 * @leakage none
 * @example
 * const present = await leastSignificantBit(session, presentMask) // packed bits
 */
export async function leastSignificantBit(
  session: Session,
  x: ReplicatedShare,
): Promise<BooleanShare> {
  const { a, b } = await dealSummands(session, x, { planes: 1, sum: true, negated: false })
  return xorBits(a, b!)
}
