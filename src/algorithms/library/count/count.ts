import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'

const params = z.strictObject({
  column: columnName.optional(),
  where: whereParam,
  groupBy: groupByParam,
})

export type CountParams = z.output<typeof params>

/** count: how many rows pass the filter (and have a value in `column`), per group. */
export const countDefinition: AlgorithmDefinition<CountParams> = {
  name: 'count',
  version: '1.0.0',
  title: 'Count',
  summary:
    'The number of rows that pass the filter and, when a column is named, have a value in it; per group with groupBy.',
  params,
  columns: [
    {
      param: 'column',
      types: ['integer', 'fixed', 'boolean', 'categorical'],
      description: 'optional: count only rows where this column has a value',
    },
  ],
  filters: { where: true, groupBy: true },
  output: '{ count } or, with groupBy, { groupBy, groups: { <category>: { count } } }',
  leakage:
    'The count itself. A count in [1, minRows) is suppressed (only "suppressed" is revealed); an empty group is revealed as 0.',
  differentialPrivacy:
    'discrete Laplace noise of scale 1/ε on each count (one row changes one count by 1)',
  cost: 'with a filter or missing values: the filter’s comparisons, then a population count (about one bit per row); otherwise free',
  layout: (context) => ({ blocks: groupCount(context), valuesPerBlock: 1 }),
  decode: (blocks, context) =>
    byGroup(blocks, context, (block) => ({ count: Number(block.values[0]) })),
}
