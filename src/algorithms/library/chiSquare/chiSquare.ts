import { z } from 'zod'
import type { PoolSchema } from '../../../protocol/schema/index.ts'
import { cellCounts } from '../../decode/cells.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { chiSquareSurvival } from '../../numeric/distributions.ts'
import { columnName } from '../../params/columnName.ts'
import { whereParam } from '../../params/filterParams.ts'
import { groupLabels } from '../../params/groupLabels.ts'
import { ParamProblem } from '../../params/ParamProblem.ts'

const params = z.strictObject({
  rows: columnName,
  columns: columnName,
  where: whereParam,
})

export type ChiSquareParams = z.output<typeof params>

/**
 * Pearson's χ² test of independence on a contingency table (rows × columns of counts). Rows and
 * columns with no count are left out of the test; null when fewer than two remain either way.
 */
export function chiSquareTest(table: readonly (readonly number[])[]): {
  statistic: number | null
  df: number | null
  p: number | null
  minimumExpected: number | null
} {
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0))
  const columnTotals = table[0]!.map((_, j) => table.reduce((total, row) => total + row[j]!, 0))
  const rows = rowTotals.map((_, i) => i).filter((i) => rowTotals[i]! > 0)
  const columns = columnTotals.map((_, j) => j).filter((j) => columnTotals[j]! > 0)
  const n = rowTotals.reduce((a, b) => a + b, 0)
  if (rows.length < 2 || columns.length < 2)
    return { statistic: null, df: null, p: null, minimumExpected: null }
  let statistic = 0
  let minimumExpected = Number.POSITIVE_INFINITY
  for (const i of rows)
    for (const j of columns) {
      const expected = (rowTotals[i]! * columnTotals[j]!) / n
      minimumExpected = Math.min(minimumExpected, expected)
      statistic += (table[i]![j]! - expected) ** 2 / expected
    }
  const df = (rows.length - 1) * (columns.length - 1)
  return { statistic, df, p: chiSquareSurvival(statistic, df), minimumExpected }
}

/** chiSquare: the contingency table of two categorical columns and Pearson's χ² test. */
export const chiSquareDefinition: AlgorithmDefinition<ChiSquareParams> = {
  name: 'chiSquare',
  version: '1.0.0',
  title: 'χ² test of independence',
  summary:
    'The contingency table of two categorical (or boolean) columns over the rows that pass the filter and have both values, and Pearson’s χ² test of independence.',
  params,
  columns: [
    {
      param: 'rows',
      types: ['categorical', 'boolean'],
      description: 'the column whose categories are the rows',
    },
    {
      param: 'columns',
      types: ['categorical', 'boolean'],
      description: 'the column whose categories are the columns',
    },
  ],
  filters: { where: true, groupBy: false },
  output:
    '{ table: { <row category>: { <column category>: count | null } }, statistic, df, p, minimumExpected } (null counts are suppressed; the test is null when any count is)',
  leakage:
    'Every count of the contingency table; a count in [1, minRows) is suppressed (only "suppressed" is revealed, and then the test is not reported), an empty cell is revealed as 0.',
  differentialPrivacy:
    'discrete Laplace noise of scale 1/ε on each cell (the cells are disjoint); the test is computed from the noisy counts, negative ones read as 0',
  cost: 'narrow zero tests for both columns’ categories, one AND per row and cell, then a population count (about one bit per row and cell)',
  check(value) {
    if (value.rows === value.columns)
      throw new ParamProblem('columns', 'rows and columns must be two different columns')
  },
  layout: (context) => ({
    blocks: labelsOf(context, 'rows').length * labelsOf(context, 'columns').length,
    valuesPerBlock: 1,
  }),
  decode: (blocks, context) => {
    const rowLabels = labelsOf(context, 'rows')
    const columnLabels = labelsOf(context, 'columns')
    const counts = cellCounts(blocks)
    const table = rowLabels.map((_, i) =>
      columnLabels.map((__, j) => counts[i * columnLabels.length + j]!),
    )
    const shown = Object.fromEntries(
      rowLabels.map((row, i) => [
        row,
        Object.fromEntries(columnLabels.map((column, j) => [column, table[i]![j]!])),
      ]),
    )
    if (counts.some((count) => count === null))
      return { table: shown, statistic: null, df: null, p: null, minimumExpected: null }
    return {
      table: shown,
      ...chiSquareTest(table.map((row) => row.map((count) => Math.max(0, count!)))),
    }
  },
}

function labelsOf(
  context: { readonly params: ChiSquareParams; readonly schema: PoolSchema },
  which: 'rows' | 'columns',
): string[] {
  const spec = context.schema.columns.find((column) => column.name === context.params[which])!
  return groupLabels(spec)
}
