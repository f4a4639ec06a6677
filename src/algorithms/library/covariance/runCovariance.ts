import { momentSums } from '../../secure/momentSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { PairParams } from './covariance.ts'

/** covariance (and correlation) at one party: the moment sums of both columns per selection. */
export const runCovariance: AlgorithmRun<PairParams> = async (context) => {
  const { session, table, params, where } = context
  const columns = [params.x, params.y]
  const masks = await selectRows(session, table, { columns, where, groupBy: params.groupBy })
  const { values, size, sensitivity } = await momentSums(session, table, masks, columns)
  return {
    counts: await masks.counts(),
    values,
    valuesPerBlock: size,
    sensitivity,
    countAt: 0,
    guard: 'statistics',
  }
}
