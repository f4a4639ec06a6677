import { twoGroupIndices } from '../../params/twoGroups.ts'
import { momentSums } from '../../secure/momentSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { TTestParams } from './tTest.ts'

/** tTest at one party: the moment sums of the column in each of the two groups. */
export const runTTest: AlgorithmRun<TTestParams> = async (context) => {
  const { session, table, params, where, schema } = context
  const masks = await selectRows(session, table, {
    columns: [params.column],
    where,
    groupBy: params.by,
    categories: twoGroupIndices(schema, params.by, params.groups),
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
