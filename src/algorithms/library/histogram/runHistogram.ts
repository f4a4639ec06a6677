import {
  andBits,
  type BooleanShare,
  mostSignificantBit,
  notBits,
  xorBits,
} from '../../../mpc/index.ts'
import { columnShares } from '../../../table/index.ts'
import { maxOf, minOf } from '../../numeric/bigintMath.ts'
import { valueRange } from '../../numeric/valueRange.ts'
import { signedWidth } from '../../secure/evaluateFilter.ts'
import { RowMasks } from '../../secure/RowMasks.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import { concat, repeatBits, shiftedCopies, sliceBits } from '../../secure/shares.ts'
import { encodedEdges, type HistogramParams } from './histogram.ts'

/**
 * histogram at one party. With the thresholds c_0 < … < c_B (`encodedEdges`; the last bin is
 * closed): the bits x < c_i in one batch of narrow comparisons; bin i is
 * (x ≥ c_i) ⊕ (x ≥ c_(i+1)) (the bits are monotone, so XOR is "between"), outside is
 * (x < c_0) ⊕ (x ≥ c_B). Then every bin AND every selection mask, and population counts.
 */
export const runHistogram: AlgorithmRun<HistogramParams> = async (context) => {
  const { session, table, params, where, schema } = context
  const { spec, value } = columnShares(table, params.column)
  const masks = await selectRows(session, table, {
    columns: [params.column],
    where,
    groupBy: params.groupBy,
  })
  const n = table.rows
  const w = masks.words
  const thresholds = encodedEdges(params, schema)
  const B = thresholds.length - 1
  const range = valueRange(spec)
  const constants = thresholds.map((c) => minOf(maxOf(c, range.min), range.max + 1n))
  const width = constants.reduce(
    (widest, c) => Math.max(widest, signedWidth(range.min - c, range.max - c)),
    1,
  )
  const below = await mostSignificantBit(
    session,
    shiftedCopies(session, value, constants, w * 64),
    { width },
  )
  const lt = (i: number) => sliceBits(below, i * w, (i + 1) * w)
  const party = session.partyIndex
  const bins: BooleanShare[] = []
  // x ≥ c_i ⊕ x ≥ c_(i+1) = x < c_i ⊕ x < c_(i+1).
  for (let i = 0; i < B; i++) bins.push(xorBits(lt(i), lt(i + 1)))
  bins.push(xorBits(lt(0), notBits(lt(B), party)))
  const cells = B + 1
  const selections = await masks.bits()
  const K = masks.count
  const spreadSelections = concat(
    Array.from({ length: K }, (_, k) =>
      repeatBits(sliceBits(selections, k * w, (k + 1) * w), cells),
    ),
  )
  const spreadBins = repeatBits(concat(bins), K)
  const counted = await andBits(session, spreadSelections, spreadBins)
  const counts = await RowMasks.fromBits(session, n, K * cells, counted).counts()
  return {
    counts,
    values: counts,
    valuesPerBlock: 1,
    sensitivity: [1n],
    countAt: 0,
    guard: 'cells',
  }
}
