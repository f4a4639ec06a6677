import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { dotProducts } from './dotProducts.ts'

/**
 * The dot product Σ_j x[j]·y[j] mod 2^64 of two shared vectors of one length, as a share of a
 * one-element vector. One round, one ring element sent per party whatever the length; for several
 * dot products use `dotProducts`, which batches them into the same round.
 *
 * @leakage none.
 * @example
 * const xy = await dotProduct(session, x, y)
 */
export function dotProduct(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<ReplicatedShare> {
  return dotProducts(session, [[x, y]])
}
