import type { Table } from '../../../table/index.ts'
import { quantileValue } from '../../decode/quantileValues.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainQuantile } from '../../plain/plainQuantile.ts'
import { plainColumn, plainSelection } from '../../plain/plainSelection.ts'
import { numeratorsOf, type QuantilesParams } from './quantiles.ts'

/** The plaintext twin of quantiles: sort and interpolate. */
export function quantilesTwin(
  table: Table,
  context: PublicContext<QuantilesParams>,
): AlgorithmResult {
  const { column, probabilities } = context.params
  const spec = plainColumn(table, column).spec
  const numerators = numeratorsOf(context.params)
  return plainGrouped(context, plainSelection(table, context, [column]), (rows) =>
    releasable(context, rows)
      ? {
          quantiles: probabilities.map((probability, j) => ({
            probability,
            value: quantileValue(plainQuantile(table, column, rows, numerators[j]!), spec),
          })),
        }
      : undefined,
  )
}
