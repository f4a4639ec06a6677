import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { quantileValue } from '../../decode/quantileValues.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { quantileNumerator } from '../../numeric/quantileFraction.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

/** The most quantiles one job may ask for. */
export const MAX_QUANTILES = 9

const params = z.strictObject({
  column: columnName,
  probabilities: z.array(z.number().min(0).max(1)).min(1).max(MAX_QUANTILES),
  where: whereParam,
  groupBy: groupByParam,
})

export type QuantilesParams = z.output<typeof params>

/** What every order statistic (min, max, median, quantiles, five numbers) says of itself. */
export const orderStatistics = {
  columns: [{ param: 'column', types: ['integer', 'fixed'], description: 'the column' }],
  leakage:
    'The requested order statistics (each a value of the column or between two adjacent ones). Whether at least minRows rows are behind them (else only "suppressed"); not the count.',
  cost: 'per group and quantile: a narrow comparison, an injection and a multiplication per row (which unselected rows sort below), then quickselect on shuffled rows (≈ 2n–3.4n narrow comparisons, ≈ 2 ln n rounds of them); without filter, groups or missing values, one quickselect for all quantiles',
} as const

/** quantiles: type-7 quantiles of a column at given probabilities, per group. */
export const quantilesDefinition: AlgorithmDefinition<QuantilesParams> = {
  name: 'quantiles',
  version: '1.0.0',
  title: 'Quantiles',
  summary:
    'Quantiles of a numeric column at given probabilities (type 7: linear interpolation between order statistics, as R’s default and NumPy’s), over the rows that pass the filter and have a value; probabilities are taken in steps of 2^−16.',
  params,
  columns: orderStatistics.columns,
  filters: { where: true, groupBy: true },
  output: '{ quantiles: [{ probability, value }] } or, with groupBy, one such object per category',
  leakage: orderStatistics.leakage,
  differentialPrivacy: null,
  cost: orderStatistics.cost,
  layout: (context) => ({
    blocks: groupCount(context),
    valuesPerBlock: context.params.probabilities.length,
  }),
  decode: (blocks, context) => {
    const spec = context.schema.columns.find((column) => column.name === context.params.column)!
    return byGroup(blocks, context, (block) => ({
      quantiles: context.params.probabilities.map((probability, j) => ({
        probability,
        value: quantileValue(block.values[j]!, spec),
      })),
    }))
  },
}

/** The quantile numerators of the parameters. */
export function numeratorsOf(params: QuantilesParams): bigint[] {
  return params.probabilities.map(quantileNumerator)
}
