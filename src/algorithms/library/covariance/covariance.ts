import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { momentLayout } from '../../numeric/momentLayout.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

const params = z.strictObject({
  x: columnName,
  y: columnName,
  where: whereParam,
  groupBy: groupByParam,
})

export type PairParams = z.output<typeof params>

/** What covariance and correlation share: two numeric columns and their moment sums. */
export const pairMoments = {
  params,
  columns: [
    { param: 'x', types: ['integer', 'fixed', 'boolean'], description: 'the first column' },
    { param: 'y', types: ['integer', 'fixed', 'boolean'], description: 'the second column' },
  ],
  layout: (context: { groups: readonly string[] | undefined }) => ({
    blocks: groupCount(context),
    valuesPerBlock: momentLayout(2).size,
  }),
  differentialPrivacy:
    'discrete Laplace noise on each of the 8 sums (count, centred and scaled sums of x and y, sums of x², xy, y²), each at scale 8·Δ/ε with Δ its bound',
  cost: 'the masks; exact truncations for wide columns; one multiplication per row and column with a filter or groups; one round of dot products',
} as const

/** covariance: the sample covariance (n − 1) of two columns, per group. */
export const covarianceDefinition: AlgorithmDefinition<PairParams> = {
  name: 'covariance',
  version: '1.0.0',
  title: 'Covariance',
  summary:
    'The sample covariance (divided by n − 1) of two numeric or boolean columns over the rows that pass the filter and have both values.',
  params,
  columns: pairMoments.columns,
  filters: { where: true, groupBy: true },
  output: '{ count, covariance, mean: { x, y } } or, with groupBy, one such object per category',
  leakage:
    'The count, the means, the variances and the covariance of the two columns over the selected rows (their first and second moments). Whether at least minRows rows are behind them (else only "suppressed").',
  differentialPrivacy: pairMoments.differentialPrivacy,
  cost: pairMoments.cost,
  layout: pairMoments.layout,
  decode: (blocks, context) =>
    byGroup(blocks, context, (block) => {
      const { x, y } = context.params
      const moments = new Moments(block.values, [x, y], context.schema, context.rows)
      return {
        count: Number(moments.count),
        covariance: moments.covariance(0, 1),
        mean: { [x]: moments.mean(0), [y]: moments.mean(1) },
      }
    }),
}
