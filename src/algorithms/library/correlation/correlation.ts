import { byGroup } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { type PairParams, pairMoments } from '../covariance/covariance.ts'

/** correlation: Pearson's r of two columns, per group. */
export const correlationDefinition: AlgorithmDefinition<PairParams> = {
  name: 'correlation',
  version: '1.0.0',
  title: 'Pearson correlation',
  summary:
    'Pearson’s correlation coefficient of two numeric or boolean columns over the rows that pass the filter and have both values.',
  params: pairMoments.params,
  columns: pairMoments.columns,
  filters: { where: true, groupBy: true },
  output:
    '{ count, correlation } (null below 2 rows or for a constant column) or, with groupBy, one per category',
  leakage:
    'The correlation and the count; the revealed sums also give the two means and variances and the covariance (the first and second moments), which the result does not show but the buyer could compute. Whether at least minRows rows are behind them (else only "suppressed").',
  differentialPrivacy: pairMoments.differentialPrivacy,
  cost: pairMoments.cost,
  layout: pairMoments.layout,
  decode: (blocks, context) =>
    byGroup(blocks, context, (block) => {
      const { x, y } = context.params
      const moments = new Moments(block.values, [x, y], context.schema, context.rows)
      return { count: Number(moments.count), correlation: moments.correlation(0, 1) }
    }),
}
