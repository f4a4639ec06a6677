import { TriadError } from '../../errors/index.ts'
import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { zeroOfDifference } from './circuits/differenceTests.ts'

export interface IsZeroOptions {
  /**
   * Test only the low `width` bits (default 64): x mod 2^width = 0. Cheaper, and exact for values
   * known to lie in (−2^width, 2^width), such as the difference of two bounded columns.
   */
  readonly width?: number
}

/**
 * 1 where x = 0 (mod 2^64), as packed secret bits. A dedicated zero test, cheaper than a
 * comparison: x = a + b with a dealt by one party and b known to the two others
 * (`dealSummands`), so x = 0 exactly when a = −b, that is when every bit of a ⊕ (−b) is 0.
 * NOT those 64 bits and AND them by a tree. With `width` w, only the low w bits of a and −b are
 * dealt and compared (a + b ≡ 0 mod 2^w exactly when their low w bits agree).
 *
 * Cost: 1 + ⌈log2 w⌉ rounds; per element and party about w/3 + w − 1 bits sent; for w = 64,
 * 7 rounds and ≈ 11 bytes.
 *
 * @leakage none
 * @example
 * const zero = await isZero(session, x)
 * const sameCategory = await isZero(session, difference, { width: 9 })
 */
export function isZero(
  session: Session,
  x: ReplicatedShare,
  options: IsZeroOptions = {},
): Promise<BooleanShare> {
  const width = options.width ?? 64
  if (!Number.isInteger(width) || width < 1 || width > 64)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The width must be 1 to 64 bits', {
      details: `width ${width}`,
    })
  return zeroOfDifference(session, x, undefined, width)
}
