import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainColumn, plainSelection, plainValue } from '../../plain/plainSelection.ts'
import type { MeanParams } from './mean.ts'

/** The plaintext twin of mean: the textbook mean of the real values. */
export function meanTwin(table: Table, context: PublicContext<MeanParams>): AlgorithmResult {
  const column = plainColumn(table, context.params.column)
  return plainGrouped(context, plainSelection(table, context, [context.params.column]), (rows) => {
    if (!releasable(context, rows)) return undefined
    const total = rows.reduce((sum, row) => sum + plainValue(column.spec, column.values[row]!), 0)
    return { count: rows.length, mean: total / rows.length }
  })
}
