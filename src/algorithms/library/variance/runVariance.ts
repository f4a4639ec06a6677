import { momentSums } from '../../secure/momentSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { VarianceParams } from './variance.ts'

/**
 * variance (and stddev) at one party: the moment sums of one column over each selection.
 */
export const runVariance: AlgorithmRun<VarianceParams> = async (context) => {
  const { session, table, params, where } = context
  const masks = await selectRows(session, table, {
    columns: [params.column],
    where,
    groupBy: params.groupBy,
  })
  const { values, size, sensitivity } = await momentSums(session, table, masks, [params.column])
  return {
    counts: await masks.counts(),
    values,
    valuesPerBlock: size,
    sensitivity,
    countAt: 0,
    guard: 'statistics',
  }
}
