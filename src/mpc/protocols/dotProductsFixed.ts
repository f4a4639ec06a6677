import { defaultFractionalBits, fixedPointScale } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import type { DotProductPair } from './dotProducts.ts'
import { maskedDotProducts } from './localProducts.ts'
import { reshareDivided } from './reshareDivided.ts'

/**
 * Many fixed-point dot products in one round, each truncated back to f fractional bits in that
 * round (`reshareDivided` after the local sums). The sums are exact until the one truncation, so
 * the error is at most one step (2^−f) per output whatever the length; the failure probability is
 * |s|·2^(2f−64) per output, s the real dot product (see `multiplyFixed`).
 *
 * Cost: one ring element sent per party per output, one round.
 * @leakage none.
 * @example
 * const [xx, xy] = await dotProductsFixed(session, [[x, x], [x, y]])
 */
export function dotProductsFixed(
  session: Session,
  pairs: readonly DotProductPair[],
  fractionalBits: number = defaultFractionalBits,
): Promise<ReplicatedShare> {
  const scale = fixedPointScale(fractionalBits)
  return reshareDivided(session, maskedDotProducts(session, pairs), scale)
}
