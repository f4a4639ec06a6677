import type { Table } from '../../../table/index.ts'
import { quantileValue } from '../../decode/quantileValues.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainQuantile } from '../../plain/plainQuantile.ts'
import { plainColumn, plainSelection } from '../../plain/plainSelection.ts'
import {
  fieldNumerators,
  type OrderStatisticField,
  type OrderStatisticParams,
} from './orderStatistic.ts'

/**
 * The plaintext twin of an order-statistic algorithm (min, max, median, five numbers): sort and
 * read off the positions of its fields.
 */
export function orderStatisticTwin(
  fields: readonly OrderStatisticField[],
): (table: Table, context: PublicContext<OrderStatisticParams>) => AlgorithmResult {
  const numerators = fieldNumerators(fields)
  return (table, context) => {
    const { column } = context.params
    const spec = plainColumn(table, column).spec
    return plainGrouped(context, plainSelection(table, context, [column]), (rows) =>
      releasable(context, rows)
        ? Object.fromEntries(
            fields.map((field, j) => [
              field.name,
              quantileValue(plainQuantile(table, column, rows, numerators[j]!), spec),
            ]),
          )
        : undefined,
    )
  }
}
