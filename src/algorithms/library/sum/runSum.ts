import { encodedRange } from '../../../protocol/schema/index.ts'
import { columnShares } from '../../../table/index.ts'
import { abs, maxOf } from '../../numeric/bigintMath.ts'
import { maskedSums } from '../../secure/maskedSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import { slice } from '../../secure/shares.ts'
import type { SumParams } from './sum.ts'

/**
 * sum at one party: Σ mask·x per group with the count of rows with a value (for the guard);
 * a missing value's slot is 0, so the column's own availability mask is needed for the count
 * only.
 */
export const runSum: AlgorithmRun<SumParams> = async (context) => {
  const { session, table, params, where } = context
  const column = columnShares(table, params.column)
  const masks = await selectRows(session, table, { columns: [], where, groupBy: params.groupBy })
  const vectors = column.present ? [column.value, column.present] : [column.value]
  const sums = await maskedSums(session, masks, vectors)
  const blocks = masks.count
  const stride = vectors.length
  const pick = (offset: number) => ({
    first: BigUint64Array.from({ length: blocks }, (_, g) => sums.first[g * stride + offset]!),
    second: BigUint64Array.from({ length: blocks }, (_, g) => sums.second[g * stride + offset]!),
  })
  const range = encodedRange(column.spec)
  return {
    counts: column.present ? pick(1) : await masks.counts(),
    values: stride === 1 ? slice(sums, 0, blocks) : pick(0),
    valuesPerBlock: 1,
    sensitivity: [maxOf(abs(range.min), abs(range.max))],
    guard: 'statistics',
  }
}
