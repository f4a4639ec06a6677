import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainCovariance, plainMean, plainValues } from '../../plain/plainMoments.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { VarianceParams } from '../variance/variance.ts'

/** The plaintext twin of stddev. */
export function stddevTwin(table: Table, context: PublicContext<VarianceParams>): AlgorithmResult {
  const { column } = context.params
  return plainGrouped(context, plainSelection(table, context, [column]), (rows) => {
    if (!releasable(context, rows)) return undefined
    const values = plainValues(table, column, rows)
    const variance = plainCovariance(values, values)
    return {
      count: rows.length,
      mean: plainMean(values),
      stddev: variance === null ? null : Math.sqrt(variance),
    }
  })
}
