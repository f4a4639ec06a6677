/**
 * Typed tables: rows read from CSV, JSON or code, validated against a pool schema, encoded as
 * column-major ring vectors with availability masks; and a table's shares on the node side.
 * Browser-safe: nothing exported here imports node:* (`readTableFile.ts`, which reads files in
 * Node, is imported on its own).
 */
export { buildTable, type RowSource } from './buildTable.ts'
export { columnsMismatch, matchColumns, tooManyRows } from './checkColumns.ts'
export {
  DataInvalidError,
  type DataProblem,
  describeColumn,
  formatProblem,
  MAX_LISTED_PROBLEMS,
} from './DataInvalidError.ts'
export { decodeTable, tableToRows } from './decodeTable.ts'
export { encodeTable } from './encodeTable.ts'
export { checkContributable, DEFAULT_MAX_ROWS, type ReadTableOptions } from './limits.ts'
export { type CellOutcome, type CellParser, cellParser, MISSING_RULE } from './parseCell.ts'
export { csvParseOptions, type ReadCsvOptions, readCsv } from './readCsv.ts'
export { readJson, tableFromRows } from './readJson.ts'
export { readTable, type TableInput } from './readTable.ts'
export type { CellValue, Table, TableColumn } from './Table.ts'
export {
  type ColumnVectors,
  type LayoutVector,
  type TableLayout,
  tableLayout,
  type VectorRole,
} from './tableLayout.ts'
export {
  type ColumnShares,
  columnShares,
  joinTableShares,
  type TableShares,
} from './tableShares.ts'
