import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainCovariance, plainMean, plainValues } from '../../plain/plainMoments.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { PairParams } from './covariance.ts'

/** The plaintext twin of covariance. */
export function covarianceTwin(table: Table, context: PublicContext<PairParams>): AlgorithmResult {
  const { x, y } = context.params
  return plainGrouped(context, plainSelection(table, context, [x, y]), (rows) => {
    if (!releasable(context, rows)) return undefined
    const xs = plainValues(table, x, rows)
    const ys = plainValues(table, y, rows)
    return {
      count: rows.length,
      covariance: plainCovariance(xs, ys),
      mean: { [x]: plainMean(xs), [y]: plainMean(ys) },
    }
  })
}
