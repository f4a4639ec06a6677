import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { realValue } from '../../decode/values.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { centerOf } from '../../numeric/productScaling.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

const params = z.strictObject({
  column: columnName,
  where: whereParam,
  groupBy: groupByParam,
})

export type MeanParams = z.output<typeof params>

/** mean: the arithmetic mean of a column over the selected rows with a value, per group. */
export const meanDefinition: AlgorithmDefinition<MeanParams> = {
  name: 'mean',
  version: '1.0.0',
  title: 'Arithmetic mean',
  summary:
    'The mean of a numeric or boolean column over the rows that pass the filter and have a value.',
  params,
  columns: [
    {
      param: 'column',
      types: ['integer', 'fixed', 'boolean'],
      description: 'the column to average',
    },
  ],
  filters: { where: true, groupBy: true },
  output: '{ count, mean } or, with groupBy, { groupBy, groups: { <category>: { count, mean } } }',
  leakage:
    'The mean and the number of rows behind it (count). Whether at least minRows rows are behind it (else only "suppressed").',
  differentialPrivacy:
    'discrete Laplace noise on the sum of the values centred on the middle of the column’s bounds (scale 2·halfWidth/ε) and on the count (scale 2/ε); the mean is their ratio',
  cost: 'local additions without a filter or groups; otherwise one round of dot products after the masks',
  layout: (context) => ({ blocks: groupCount(context), valuesPerBlock: 2 }),
  decode: (blocks, context) => {
    const spec = context.schema.columns.find((column) => column.name === context.params.column)!
    const center = centerOf(spec)
    return byGroup(blocks, context, (block) => {
      const [centred, count] = [block.values[0]!, block.values[1]!]
      return { count: Number(count), mean: realValue(center * count + centred, spec, count) }
    })
  },
}
