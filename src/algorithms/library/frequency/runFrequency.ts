import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { FrequencyParams } from './frequency.ts'

/** frequency at one party: one mask per category (with the filter), counted. */
export const runFrequency: AlgorithmRun<FrequencyParams> = async (context) => {
  const { session, table, params, where } = context
  const masks = await selectRows(session, table, { columns: [], where, groupBy: params.column })
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
