import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { CountParams } from './count.ts'

/** count at one party: the selection's population counts. @leakage none before the release. */
export const runCount: AlgorithmRun<CountParams> = async (context) => {
  const { session, table, params, where } = context
  const masks = await selectRows(session, table, {
    columns: params.column === undefined ? [] : [params.column],
    where,
    groupBy: params.groupBy,
  })
  const counts = await masks.counts()
  return {
    counts,
    values: counts,
    valuesPerBlock: 1,
    sensitivity: [1n],
    countAt: 0,
    guard: 'cells',
  }
}
