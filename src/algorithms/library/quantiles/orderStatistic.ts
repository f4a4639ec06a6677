import { z } from 'zod'
import type { Table } from '../../../table/index.ts'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { quantileValue } from '../../decode/quantileValues.ts'
import type {
  AlgorithmDefinition,
  AlgorithmResult,
  PublicContext,
} from '../../definition/AlgorithmDefinition.ts'
import { quantileNumerator } from '../../numeric/quantileFraction.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainQuantile } from '../../plain/plainQuantile.ts'
import { plainColumn, plainSelection } from '../../plain/plainSelection.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { orderStatistics } from './quantiles.ts'

const params = z.strictObject({
  column: columnName,
  where: whereParam,
  groupBy: groupByParam,
})

export type OrderStatisticParams = z.output<typeof params>

/** A named result field and its probability (0 the minimum, 1 the maximum). */
export interface OrderStatisticField {
  readonly name: string
  readonly probability: number
}

/**
 * An algorithm that reports fixed quantiles of one column (min, max, median, five numbers):
 * its definition, secure half and twin, from the fields it reports.
 */
export function orderStatisticAlgorithm(parameters: {
  readonly name: string
  readonly title: string
  readonly summary: string
  readonly fields: readonly OrderStatisticField[]
}): {
  definition: AlgorithmDefinition<OrderStatisticParams>
  run: AlgorithmRun<OrderStatisticParams>
  twin: (table: Table, context: PublicContext<OrderStatisticParams>) => AlgorithmResult
} {
  const { fields } = parameters
  const numerators = fields.map((field) => quantileNumerator(field.probability))
  const shape = `{ ${fields.map((field) => field.name).join(', ')} }`
  const definition: AlgorithmDefinition<OrderStatisticParams> = {
    name: parameters.name,
    version: '1.0.0',
    title: parameters.title,
    summary: parameters.summary,
    params,
    columns: orderStatistics.columns,
    filters: { where: true, groupBy: true },
    output: `${shape} or, with groupBy, one such object per category`,
    leakage: orderStatistics.leakage,
    differentialPrivacy: null,
    cost: orderStatistics.cost,
    layout: (context) => ({ blocks: groupCount(context), valuesPerBlock: fields.length }),
    decode: (blocks, context) => {
      const spec = context.schema.columns.find((column) => column.name === context.params.column)!
      return byGroup(blocks, context, (block) =>
        Object.fromEntries(
          fields.map((field, j) => [field.name, quantileValue(block.values[j]!, spec)]),
        ),
      )
    },
  }
  return {
    definition,
    run: (context) => runOrderStatistics(context, numerators),
    twin: (table, context) => {
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
    },
  }
}
