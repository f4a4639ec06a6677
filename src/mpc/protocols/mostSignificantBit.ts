import { TriadError } from '../../errors/index.ts'
import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { signOfDifference } from './circuits/differenceTests.ts'

export interface MostSignificantBitOptions {
  /**
   * Read x as a `width`-bit two's complement number and return its sign bit, bit width−1
   * (default 64). A smaller width is cheaper and exact for values known to lie in
   * [−2^(width−1), 2^(width−1)).
   */
  readonly width?: number
}

/**
 * The sign bit of every element, bit-sliced: 1 where x < 0 as a signed 64-bit integer. The
 * arithmetic sharing becomes two boolean summands in one round (`dealSummands`), then a carry
 * tree gives bit 63 of their sum. Packed bits out, one per element.
 *
 * Cost for width 64: 8 rounds; per element and party about 190 bits sent (21 for the deal,
 * 63 generate ANDs, 118 in the carry tree), that is ≈ 25 bytes.
 *
 * @leakage none
 * @example
 * const negative = await mostSignificantBit(session, x)
 */
export async function mostSignificantBit(
  session: Session,
  x: ReplicatedShare,
  options: MostSignificantBitOptions = {},
): Promise<BooleanShare> {
  const width = options.width ?? 64
  if (!Number.isInteger(width) || width < 1 || width > 64)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The width must be 1 to 64 bits', {
      details: `width ${width}`,
    })
  return signOfDifference(session, x, undefined, width)
}
