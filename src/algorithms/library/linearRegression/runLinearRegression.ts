import { momentSums } from '../../secure/momentSums.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import type { LinearRegressionParams } from './linearRegression.ts'

/**
 * linearRegression at one party: the moment sums of the features and the target (one round of
 * dot products: the Gram matrix X^T X, X^T y and y^T y, centred and scaled), per selection.
 */
export const runLinearRegression: AlgorithmRun<LinearRegressionParams> = async (context) => {
  const { session, table, params, where } = context
  const columns = [...params.features, params.target]
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
