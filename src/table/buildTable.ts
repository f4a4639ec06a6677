import type { PoolSchema } from '../protocol/schema/index.ts'
import { DataInvalidError, type DataProblem, MAX_LISTED_PROBLEMS } from './DataInvalidError.ts'
import { cellParser } from './parseCell.ts'
import type { Table, TableColumn } from './Table.ts'

/** Where the rows come from, row by row, for `buildTable`. */
export interface RowSource {
  readonly source: string
  readonly rowCount: number
  /** The raw cell of data row `row` (from 0) in schema column `column` (from 0). */
  cell(row: number, column: number): unknown
  /** The line data row `row` starts on, if the rows come from a file. */
  line(row: number): number | undefined
}

/**
 * Validates every cell of every row against its column and encodes the table. Collects every
 * problem (listing the first 20) instead of stopping at the first, so a seller fixes a file in
 * one go.
 *
 * @throws DataInvalidError (TRIAD_ERR_DATA_INVALID) when any cell breaks its column's rules.
 */
export function buildTable(schema: PoolSchema, rows: RowSource): Table {
  const parsers = schema.columns.map(cellParser)
  const columns = schema.columns.map(
    (spec): TableColumn => ({
      spec,
      values: new BigInt64Array(rows.rowCount),
      present: spec.nullable ? new Uint8Array(rows.rowCount) : undefined,
    }),
  )
  const problems: DataProblem[] = []
  let total = 0
  for (let row = 0; row < rows.rowCount; row++) {
    for (let index = 0; index < columns.length; index++) {
      const outcome = parsers[index]!(rows.cell(row, index))
      const column = columns[index]!
      if (!outcome.ok) {
        total += 1
        if (problems.length < MAX_LISTED_PROBLEMS) {
          problems.push({
            source: rows.source,
            line: rows.line(row),
            row: row + 1,
            column: column.spec.name,
            rule: outcome.rule,
          })
        }
      } else if (outcome.value !== null) {
        column.values[row] = outcome.value
        if (column.present) column.present[row] = 1
      }
    }
  }
  if (total > 0) throw new DataInvalidError({ source: rows.source, schema, problems, total })
  return { schema, source: rows.source, rowCount: rows.rowCount, columns }
}
