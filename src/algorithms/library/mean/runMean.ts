import { encodedRange } from '../../../protocol/schema/index.ts'
import { columnShares } from '../../../table/index.ts'
import { maxOf } from '../../numeric/bigintMath.ts'
import { centerOf } from '../../numeric/productScaling.ts'
import { maskedSums } from '../../secure/maskedSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import { scale, subtract } from '../../secure/shares.ts'
import type { MeanParams } from './mean.ts'

/**
 * mean at one party: per group the count c and the centred sum Σ mask·x − center·c (local once
 * the sums are there). Released as (centred sum, count); the buyer divides.
 */
export const runMean: AlgorithmRun<MeanParams> = async (context) => {
  const { session, table, params, where } = context
  const column = columnShares(table, params.column)
  const masks = await selectRows(session, table, { columns: [], where, groupBy: params.groupBy })
  const blocks = masks.count
  let sums: { first: BigUint64Array; second: BigUint64Array }
  let counts: { first: BigUint64Array; second: BigUint64Array }
  if (column.present) {
    const both = await maskedSums(session, masks, [column.value, column.present])
    sums = {
      first: BigUint64Array.from({ length: blocks }, (_, g) => both.first[2 * g]!),
      second: BigUint64Array.from({ length: blocks }, (_, g) => both.second[2 * g]!),
    }
    counts = {
      first: BigUint64Array.from({ length: blocks }, (_, g) => both.first[2 * g + 1]!),
      second: BigUint64Array.from({ length: blocks }, (_, g) => both.second[2 * g + 1]!),
    }
  } else {
    sums = await maskedSums(session, masks, [column.value])
    counts = await masks.counts()
  }
  const center = centerOf(column.spec)
  const centred = subtract(sums, scale(counts, center))
  const values = {
    first: new BigUint64Array(2 * blocks),
    second: new BigUint64Array(2 * blocks),
  }
  for (let g = 0; g < blocks; g++) {
    values.first[2 * g] = centred.first[g]!
    values.second[2 * g] = centred.second[g]!
    values.first[2 * g + 1] = counts.first[g]!
    values.second[2 * g + 1] = counts.second[g]!
  }
  const range = encodedRange(column.spec)
  return {
    counts,
    values,
    valuesPerBlock: 2,
    sensitivity: [maxOf(range.max - center, center - range.min), 1n],
    countAt: 1,
    guard: 'statistics',
  }
}
