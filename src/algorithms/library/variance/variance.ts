import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { momentLayout } from '../../numeric/momentLayout.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

const params = z.strictObject({
  column: columnName,
  where: whereParam,
  groupBy: groupByParam,
})

export type VarianceParams = z.output<typeof params>

/** The one-column moments both variance and standard deviation reveal. */
export const oneColumnMoments = {
  columns: [{ param: 'column', types: ['integer', 'fixed', 'boolean'], description: 'the column' }],
  layout: (context: { groups: readonly string[] | undefined }) => ({
    blocks: groupCount(context),
    valuesPerBlock: momentLayout(1).size,
  }),
  leakage:
    'The count, the mean and the variance of the column over the selected rows (the sums of the values and of their squares, centred on the middle of the bounds and, for wide columns, scaled down by 2^shift). Whether at least minRows rows are behind them (else only "suppressed").',
  differentialPrivacy:
    'discrete Laplace noise on the count (scale 4/ε), the centred sum (4·halfWidth/ε), the scaled sum (4·bound/ε) and the sum of squares (4·bound²/ε); a negative noisy variance is reported as 0',
  cost: 'the masks; for wide columns an exact truncation (≈ 47 bytes per row); one multiplication per row with a filter or groups; one round of dot products',
} as const

/** variance: the sample variance (n − 1) of a column, per group. */
export const varianceDefinition: AlgorithmDefinition<VarianceParams> = {
  name: 'variance',
  version: '1.0.0',
  title: 'Variance',
  summary:
    'The sample variance (divided by n − 1) of a numeric or boolean column over the rows that pass the filter and have a value.',
  params,
  columns: oneColumnMoments.columns,
  filters: { where: true, groupBy: true },
  output:
    '{ count, mean, variance } (variance null below 2 rows) or, with groupBy, one such object per category',
  leakage: oneColumnMoments.leakage,
  differentialPrivacy: oneColumnMoments.differentialPrivacy,
  cost: oneColumnMoments.cost,
  layout: oneColumnMoments.layout,
  decode: (blocks, context) =>
    byGroup(blocks, context, (block) => {
      const moments = new Moments(
        block.values,
        [context.params.column],
        context.schema,
        context.rows,
      )
      return { count: Number(moments.count), mean: moments.mean(0), variance: moments.variance(0) }
    }),
}
