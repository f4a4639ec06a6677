import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { groupLabels } from '../../params/groupLabels.ts'
import { plainCell } from '../../plain/plainCells.ts'
import { isPresent, passes, plainColumn } from '../../plain/plainSelection.ts'
import type { FrequencyParams } from './frequency.ts'

/** The plaintext twin of frequency: a tally. */
export function frequencyTwin(
  table: Table,
  context: PublicContext<FrequencyParams>,
): AlgorithmResult {
  const column = plainColumn(table, context.params.column)
  const labels = groupLabels(column.spec)
  const tally = labels.map(() => 0)
  for (let row = 0; row < table.rowCount; row++)
    if (
      isPresent(column, row) &&
      (context.where === undefined || passes(table, context.where, row))
    )
      tally[Number(column.values[row])]! += 1
  const counts = tally.map((count) => plainCell(context, count))
  return {
    counts: Object.fromEntries(labels.map((label, k) => [label, counts[k]!])),
    suppressed: labels.filter((_, k) => counts[k] === null),
  }
}
