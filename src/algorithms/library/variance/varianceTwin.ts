import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainCovariance, plainMean, plainValues } from '../../plain/plainMoments.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { VarianceParams } from './variance.ts'

/** The plaintext twin of variance: the two-pass sample variance of the real values. */
export function varianceTwin(
  table: Table,
  context: PublicContext<VarianceParams>,
): AlgorithmResult {
  const { column } = context.params
  return plainGrouped(context, plainSelection(table, context, [column]), (rows) => {
    if (!releasable(context, rows)) return undefined
    const values = plainValues(table, column, rows)
    return {
      count: rows.length,
      mean: plainMean(values),
      variance: plainCovariance(values, values),
    }
  })
}
