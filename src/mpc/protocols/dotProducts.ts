import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { maskedDotProducts } from './localProducts.ts'
import { reshareAdditive } from './reshareAdditive.ts'

/** Two shared vectors of one length whose dot product is wanted. */
export type DotProductPair = readonly [ReplicatedShare, ReplicatedShare]

/**
 * Many dot products in one round: output k is Σ_j x_k[j]·y_k[j] mod 2^64 for the k-th pair. Each
 * party sums its local products over the whole length first (Araki et al.: the sum of 3-out-of-3
 * shares is a 3-out-of-3 share of the sum), masks the sums with one zero sharing and reshares
 * them together. The vectors of different pairs may differ in length. For X^T·X of a matrix held
 * as columns see `gramMatrix`.
 *
 * Cost: one ring element sent per party per output, whatever the lengths; one round.
 * @leakage none: every message is masked by α.
 * @example
 * const xyAndXz = await dotProducts(session, [[x, y], [x, z]]) // a share of length 2
 */
export function dotProducts(
  session: Session,
  pairs: readonly DotProductPair[],
): Promise<ReplicatedShare> {
  return reshareAdditive(session, maskedDotProducts(session, pairs))
}
