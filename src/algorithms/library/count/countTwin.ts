import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped } from '../../plain/plainGrouped.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { CountParams } from './count.ts'

/** The plaintext twin of count. */
export function countTwin(table: Table, context: PublicContext<CountParams>): AlgorithmResult {
  const { params, policy } = context
  const selections = plainSelection(
    table,
    context,
    params.column === undefined ? [] : [params.column],
  )
  return plainGrouped(context, selections, (rows) =>
    rows.length > 0 && rows.length < policy.minRows ? undefined : { count: rows.length },
  )
}
