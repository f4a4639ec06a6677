import { dotProducts, type ReplicatedShare, type Session } from '../../mpc/index.ts'
import type { RowMasks } from './RowMasks.ts'
import { segmentSums, slice } from './shares.ts'

/**
 * For every mask k and every vector v, Σ_i mask_k[i]·v[i]: the sums of the selected rows,
 * block-major (mask k's sums are elements [k·V, (k+1)·V)). With the public "every row" mask these
 * are local sums; otherwise one round of dot products (one ring element per sum, whatever the
 * number of rows).
 *
 * @leakage none
 */
export async function maskedSums(
  session: Session,
  masks: RowMasks,
  vectors: readonly ReplicatedShare[],
): Promise<ReplicatedShare> {
  const n = masks.rows
  if (masks.everyRow) {
    const parts = vectors.map((vector) => segmentSums(vector, 1, n))
    return {
      first: BigUint64Array.from(parts, (part) => part.first[0]!),
      second: BigUint64Array.from(parts, (part) => part.second[0]!),
    }
  }
  const ring = await masks.ring()
  const pairs: [ReplicatedShare, ReplicatedShare][] = []
  for (let k = 0; k < masks.count; k++)
    for (const vector of vectors) pairs.push([slice(ring, k * n, (k + 1) * n), vector])
  return dotProducts(session, pairs)
}
