import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { quantileValue } from '../../decode/quantileValues.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { quantileNumerator } from '../../numeric/quantileFraction.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'
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

/** The quantile numerators (multiples of 2^-16) of the fields, in their order. */
export function fieldNumerators(fields: readonly OrderStatisticField[]): bigint[] {
  return fields.map((field) => quantileNumerator(field.probability))
}

/**
 * The definition of an algorithm that reports fixed quantiles of one column (min, max, median,
 * five numbers), from the fields it reports. Browser-safe: the secure half is
 * `runOrderStatistics` with `fieldNumerators(fields)`, the twin `orderStatisticTwin(fields)`.
 */
export function orderStatisticDefinition(parameters: {
  readonly name: string
  readonly title: string
  readonly summary: string
  readonly fields: readonly OrderStatisticField[]
}): AlgorithmDefinition<OrderStatisticParams> {
  const { fields } = parameters
  const shape = `{ ${fields.map((field) => field.name).join(', ')} }`
  return {
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
}
