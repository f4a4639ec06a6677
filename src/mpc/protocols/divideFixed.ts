import { defaultFractionalBits, fixedPointScale, ringAdd } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { maskedProducts } from './localProducts.ts'
import { multiplyFixed } from './multiplyFixed.ts'
import { normalizedReciprocal } from './reciprocalFixed.ts'
import { reshareAdditive } from './reshareAdditive.ts'
import { reshareDivided } from './reshareDivided.ts'

/**
 * x / y element-wise for shared fixed-point vectors, y positive, from the normalisation
 * y = u·2^(k+1−f) and 1/u in (1, 2] (`reciprocalFixed`, steps 1 and 2): x/y = x·(1/u)·2^(f−1−k).
 * Where 2^(f−1−k) ≥ 1 (k < f) x is scaled up first, exactly, and then multiplied by 1/u, so the one
 * truncation comes last; where it is below 1, x·(1/u) comes first and the scale-down last. Either
 * way the result is within a relative 2^(2−f) plus one step of x/y, however small x or y. The
 * products fail with probability about |x/y|·2^(2f−63) per element (see `multiplyFixed`).
 * 26 rounds.
 *
 * @leakage none.
 * @example
 * const ratio = await divideFixed(session, covariance, variance)
 */
export async function divideFixed(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
  fractionalBits: number = defaultFractionalBits,
): Promise<ReplicatedShare> {
  const f = fractionalBits
  const { normalized, inverse } = await normalizedReciprocal(session, y, f)
  const [scaledUp, product] = await Promise.all([
    reshareAdditive(session, maskedProducts(session, x, normalized.low)),
    multiplyFixed(session, x, inverse, f),
  ])
  const [large, small] = await Promise.all([
    multiplyFixed(session, scaledUp, inverse, f),
    reshareDivided(session, maskedProducts(session, product, normalized.high), fixedPointScale(f)),
  ])
  return { first: ringAdd(large.first, small.first), second: ringAdd(large.second, small.second) }
}
