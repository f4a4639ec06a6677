import {
  dotProducts,
  multiply,
  type ReplicatedShare,
  type Session,
  truncateExact,
} from '../../mpc/index.ts'
import { columnShares, type TableShares } from '../../table/index.ts'
import { momentLayout } from '../numeric/momentLayout.ts'
import { productScaling } from '../numeric/productScaling.ts'
import type { RowMasks } from './RowMasks.ts'
import { addPublic, concat, slice } from './shares.ts'

/**
 * The sufficient statistics of means, variances, covariances and least squares, per selection:
 * counts, centred sums and sums of scaled products (`momentLayout`), block-major. Centring on the
 * middle of the bounds keeps sums small; the exact truncation by 2^s (only where the bounds and
 * the row count need it) keeps every sum of n products inside 2^62, so nothing wraps.
 *
 * Products go one of two ways, whichever multiplies fewer long vectors: mask each scaled column
 * per selection (K·A products of n elements) then dot with the columns, or multiply the columns
 * pairwise (A(A+1)/2) then dot with the masks. The dot products cost one ring element each.
 *
 * @leakage none
 */
export async function momentSums(
  session: Session,
  table: TableShares,
  masks: RowMasks,
  names: readonly string[],
): Promise<{ values: ReplicatedShare; size: number; sensitivity: bigint[] }> {
  const n = table.rows
  const A = names.length
  const K = masks.count
  const layout = momentLayout(A)
  const centred: ReplicatedShare[] = []
  const scaled: ReplicatedShare[] = []
  const sensitivity = new Array<bigint>(layout.size).fill(0n)
  sensitivity[layout.count] = 1n
  const bounds: bigint[] = []
  for (const [a, name] of names.entries()) {
    const { spec, value } = columnShares(table, name)
    const scaling = productScaling(spec, n)
    const x = addPublic(session, value, -scaling.center)
    centred.push(x)
    scaled.push(
      scaling.shift === 0
        ? x
        : await truncateExact(session, x, { shift: scaling.shift, bound: scaling.bits }),
    )
    sensitivity[layout.centred(a)] = scaling.halfWidth
    sensitivity[layout.scaled(a)] = scaling.bound
    bounds.push(scaling.bound)
  }
  for (let a = 0; a < A; a++)
    for (let b = a; b < A; b++) sensitivity[layout.product(a, b)] = bounds[a]! * bounds[b]!

  const counts = await masks.counts()
  const pairs: [ReplicatedShare, ReplicatedShare][] = []
  /** Where each block's sums come from: the dot product at index `at`, or a local sum. */
  const plan: { block: number; slot: number; at: number }[] = []
  const dot = (block: number, slot: number, x: ReplicatedShare, y: ReplicatedShare) => {
    plan.push({ block, slot, at: pairs.length })
    pairs.push([x, y])
  }
  if (masks.everyRow) {
    const ones = addPublic(
      session,
      { first: new BigUint64Array(n), second: new BigUint64Array(n) },
      1n,
    )
    for (let a = 0; a < A; a++) {
      dot(0, layout.centred(a), ones, centred[a]!)
      dot(0, layout.scaled(a), ones, scaled[a]!)
      for (let b = a; b < A; b++) dot(0, layout.product(a, b), scaled[a]!, scaled[b]!)
    }
  } else {
    const ring = await masks.ring()
    const mask = (k: number) => slice(ring, k * n, (k + 1) * n)
    const pairCount = (A * (A + 1)) / 2
    if (K * A <= pairCount) {
      // Mask each scaled column per selection, then dot with the columns.
      const masked = await multiply(
        session,
        concat(Array.from({ length: K * A }, (_, i) => mask(Math.floor(i / A)))),
        concat(Array.from({ length: K * A }, (_, i) => scaled[i % A]!)),
      )
      for (let k = 0; k < K; k++)
        for (let a = 0; a < A; a++) {
          const mx = slice(masked, (k * A + a) * n, (k * A + a + 1) * n)
          dot(k, layout.centred(a), mask(k), centred[a]!)
          dot(k, layout.scaled(a), mask(k), scaled[a]!)
          for (let b = a; b < A; b++) dot(k, layout.product(a, b), mx, scaled[b]!)
        }
    } else {
      // Multiply the columns pairwise, then dot with every mask.
      const left: ReplicatedShare[] = []
      const right: ReplicatedShare[] = []
      for (let a = 0; a < A; a++)
        for (let b = a; b < A; b++) {
          left.push(scaled[a]!)
          right.push(scaled[b]!)
        }
      const products = await multiply(session, concat(left), concat(right))
      for (let k = 0; k < K; k++)
        for (let a = 0; a < A; a++) {
          dot(k, layout.centred(a), mask(k), centred[a]!)
          dot(k, layout.scaled(a), mask(k), scaled[a]!)
          for (let b = a; b < A; b++) {
            const p = layout.product(a, b) - layout.product(0, 0)
            dot(k, layout.product(a, b), mask(k), slice(products, p * n, (p + 1) * n))
          }
        }
    }
  }
  const sums = pairs.length > 0 ? await dotProducts(session, pairs) : undefined
  const values = {
    first: new BigUint64Array(K * layout.size),
    second: new BigUint64Array(K * layout.size),
  }
  for (let k = 0; k < K; k++) {
    values.first[k * layout.size] = counts.first[k]!
    values.second[k * layout.size] = counts.second[k]!
  }
  for (const { block, slot, at } of plan) {
    values.first[block * layout.size + slot] = sums!.first[at]!
    values.second[block * layout.size + slot] = sums!.second[at]!
  }
  return { values, size: layout.size, sensitivity }
}
