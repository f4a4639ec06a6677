import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { chiSquareSurvival } from '../../numeric/distributions.ts'
import { groupLabels } from '../../params/groupLabels.ts'
import { plainCell } from '../../plain/plainCells.ts'
import { isPresent, passes, plainColumn } from '../../plain/plainSelection.ts'
import type { ChiSquareParams } from './chiSquare.ts'

/** The plaintext twin of chiSquare: a cross-tally and the textbook χ² (observed − expected)² / expected. */
export function chiSquareTwin(
  table: Table,
  context: PublicContext<ChiSquareParams>,
): AlgorithmResult {
  const rowColumn = plainColumn(table, context.params.rows)
  const columnColumn = plainColumn(table, context.params.columns)
  const rowLabels = groupLabels(rowColumn.spec)
  const columnLabels = groupLabels(columnColumn.spec)
  const tally = rowLabels.map(() => columnLabels.map(() => 0))
  for (let row = 0; row < table.rowCount; row++)
    if (
      isPresent(rowColumn, row) &&
      isPresent(columnColumn, row) &&
      (context.where === undefined || passes(table, context.where, row))
    )
      tally[Number(rowColumn.values[row])]![Number(columnColumn.values[row])]! += 1
  const shown = tally.map((row) => row.map((count) => plainCell(context, count)))
  const result = {
    table: Object.fromEntries(
      rowLabels.map((label, i) => [
        label,
        Object.fromEntries(columnLabels.map((column, j) => [column, shown[i]![j]!])),
      ]),
    ),
  }
  if (shown.some((row) => row.some((count) => count === null)))
    return { ...result, statistic: null, df: null, p: null, minimumExpected: null }
  // Rows and columns with no count take no part in the test.
  const n = tally.flat().reduce((a, b) => a + b, 0)
  const rowTotals = tally.map((row) => row.reduce((a, b) => a + b, 0))
  const columnTotals = columnLabels.map((_, j) => tally.reduce((total, row) => total + row[j]!, 0))
  const liveRows = rowTotals.filter((total) => total > 0).length
  const liveColumns = columnTotals.filter((total) => total > 0).length
  if (liveRows < 2 || liveColumns < 2)
    return { ...result, statistic: null, df: null, p: null, minimumExpected: null }
  let statistic = 0
  let minimumExpected = Number.POSITIVE_INFINITY
  for (const [i, row] of tally.entries())
    for (const [j, observed] of row.entries()) {
      if (rowTotals[i] === 0 || columnTotals[j] === 0) continue
      const expected = (rowTotals[i]! * columnTotals[j]!) / n
      minimumExpected = Math.min(minimumExpected, expected)
      statistic += (observed - expected) ** 2 / expected
    }
  const df = (liveRows - 1) * (liveColumns - 1)
  // The survival function is shared with the algorithm: it only turns the statistic into p.
  return { ...result, statistic, df, p: chiSquareSurvival(statistic, df), minimumExpected }
}
