import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { realValue } from '../../decode/values.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

const params = z.strictObject({
  column: columnName,
  where: whereParam,
  groupBy: groupByParam,
})

export type SumParams = z.output<typeof params>

/** sum: the total of a column over the selected rows (missing values add nothing), per group. */
export const sumDefinition: AlgorithmDefinition<SumParams> = {
  name: 'sum',
  version: '3.0.0',
  title: 'Sum',
  summary:
    'The total of a numeric or boolean column (for a boolean, the number of true values) over the rows that pass the filter; missing values add nothing.',
  params,
  columns: [
    {
      param: 'column',
      types: ['integer', 'fixed', 'boolean'],
      description: 'the column to add up',
    },
  ],
  filters: { where: true, groupBy: true },
  output:
    '{ sum } in the column’s units or, with groupBy, { groupBy, groups: { <category>: { sum } } }. The first revealed ring element is the exact sum in the column’s encoding',
  leakage:
    'The sum. Whether at least minRows rows with a value are behind it (else only "suppressed" is revealed, not the count).',
  differentialPrivacy:
    'discrete Laplace noise on the sum, scale 2·max(|min|, |max|)/ε, and on the hidden count used by the guard, scale 2/ε',
  cost: 'local additions without a filter or groups; otherwise one round of dot products after the masks',
  layout: (context) => ({ blocks: groupCount(context), valuesPerBlock: 1 }),
  decode: (blocks, context) => {
    const spec = context.schema.columns.find((column) => column.name === context.params.column)!
    return byGroup(blocks, context, (block) => ({ sum: realValue(block.values[0]!, spec) }))
  },
}
