import { defaultFractionalBits, fixedPointScale } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { maskedProducts } from './localProducts.ts'
import { reshareDivided } from './reshareDivided.ts'

/**
 * Element-wise product of two shared fixed-point vectors with f fractional bits, truncated back to
 * f bits in the same round: the local products (scale 2^2f) are reshared by `reshareDivided` with
 * divisor 2^f.
 *
 * Error: the result is within one step (2^−f) of the exact product of the encoded inputs, rounded
 * stochastically (unbiased). Failure: with probability |p|·2^(2f−64) per element, p the real
 * product, the element is off by about 2^(64−2f) instead (probabilistic truncation in Z_2^64);
 * with f = 16 that is below 2^−24 for |p| < 2^8 and 2^−17 for |p| < 2^15. Keep |p| < 2^(63−2f)
 * (2^31 with f = 16) or the product overflows even before truncation.
 *
 * Cost: one ring element sent per party per element, one round.
 * @leakage none.
 * @example
 * const product = await multiplyFixed(session, x, y) // x, y with 16 fractional bits
 */
export function multiplyFixed(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
  fractionalBits: number = defaultFractionalBits,
): Promise<ReplicatedShare> {
  const scale = fixedPointScale(fractionalBits)
  return reshareDivided(session, maskedProducts(session, x, y), scale)
}
