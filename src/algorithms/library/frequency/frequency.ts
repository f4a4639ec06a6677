import { z } from 'zod'
import { cellCounts } from '../../decode/cells.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { columnName } from '../../params/columnName.ts'
import { whereParam } from '../../params/filterParams.ts'
import { groupLabels } from '../../params/groupLabels.ts'

const params = z.strictObject({
  column: columnName,
  where: whereParam,
})

export type FrequencyParams = z.output<typeof params>

/** frequency: how many rows fall in each category of a categorical or boolean column. */
export const frequencyDefinition: AlgorithmDefinition<FrequencyParams> = {
  name: 'frequency',
  version: '1.0.0',
  title: 'Frequency table',
  summary:
    'How many of the rows that pass the filter fall in each category of a categorical or boolean column (rows with no value are not counted).',
  params,
  columns: [
    { param: 'column', types: ['categorical', 'boolean'], description: 'the column to tabulate' },
  ],
  filters: { where: true, groupBy: false },
  output: '{ counts: { <category>: count | null }, suppressed: [<category>…] } (null = suppressed)',
  leakage:
    'Each category’s count; a count in [1, minRows) is suppressed (only "suppressed" is revealed), an empty category is revealed as 0.',
  differentialPrivacy:
    'discrete Laplace noise of scale 1/ε on each count (the categories are disjoint)',
  cost: 'one narrow zero test per row and category, the filter, then a population count (about one bit per row and category)',
  layout: (context) => {
    const spec = context.schema.columns.find((column) => column.name === context.params.column)!
    return { blocks: groupLabels(spec).length, valuesPerBlock: 1 }
  },
  decode: (blocks, context) => {
    const spec = context.schema.columns.find((column) => column.name === context.params.column)!
    const labels = groupLabels(spec)
    const counts = cellCounts(blocks)
    return {
      counts: Object.fromEntries(labels.map((label, k) => [label, counts[k]!])),
      suppressed: labels.filter((_, k) => counts[k] === null),
    }
  },
}
