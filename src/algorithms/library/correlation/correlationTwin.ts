import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainCorrelation, plainValues } from '../../plain/plainMoments.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { PairParams } from '../covariance/covariance.ts'

/** The plaintext twin of correlation. */
export function correlationTwin(table: Table, context: PublicContext<PairParams>): AlgorithmResult {
  const { x, y } = context.params
  return plainGrouped(context, plainSelection(table, context, [x, y]), (rows) => {
    if (!releasable(context, rows)) return undefined
    return {
      count: rows.length,
      correlation: plainCorrelation(plainValues(table, x, rows), plainValues(table, y, rows)),
    }
  })
}
