import { byGroup } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { oneColumnMoments, type VarianceParams, varianceDefinition } from '../variance/variance.ts'

/** stddev: the sample standard deviation (square root of the n − 1 variance), per group. */
export const stddevDefinition: AlgorithmDefinition<VarianceParams> = {
  name: 'stddev',
  version: '1.0.0',
  title: 'Standard deviation',
  summary:
    'The sample standard deviation (square root of the variance divided by n − 1) of a numeric or boolean column over the rows that pass the filter and have a value.',
  params: varianceDefinition.params,
  columns: oneColumnMoments.columns,
  filters: { where: true, groupBy: true },
  output:
    '{ count, mean, stddev } (stddev null below 2 rows) or, with groupBy, one such object per category',
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
      const variance = moments.variance(0)
      return {
        count: Number(moments.count),
        mean: moments.mean(0),
        stddev: variance === null ? null : Math.sqrt(variance),
      }
    }),
}
