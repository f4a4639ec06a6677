import { CsvError, type Options, parse } from 'csv-parse/sync'
import { TriadError } from '../errors/index.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'
import { buildTable } from './buildTable.ts'
import { matchColumns, tooManyRows } from './checkColumns.ts'
import { MAX_LISTED_PROBLEMS } from './DataInvalidError.ts'
import { DEFAULT_MAX_ROWS, type ReadTableOptions } from './limits.ts'
import type { Table } from './Table.ts'

export interface ReadCsvOptions extends ReadTableOptions {
  /** The field delimiter. Default `,`; `\t` for TSV. */
  readonly delimiter?: string
}

interface CsvRecord {
  readonly record: string[]
  readonly info: { readonly lines: number; readonly empty_lines: number }
}

/**
 * The csv-parse options Triad reads with: a leading byte-order mark is dropped, lines may end in
 * CRLF, LF or CR (even mixed), blank lines are skipped, rows of another length than the header
 * are kept (and reported with their lines), and each record comes with its line numbers.
 */
export function csvParseOptions(delimiter: string, maxRecords: number): Options {
  return {
    bom: true,
    delimiter,
    info: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    to: maxRecords,
  }
}

/**
 * Reads CSV text against a pool schema: a header line naming the schema's columns (in any
 * order), then one row per line (quoted fields may span lines). Empty cells are missing values.
 * Browser-safe: takes text, not a path (`readTableFile` reads files in Node).
 *
 * @throws TriadError TRIAD_ERR_DATA_MALFORMED (unbalanced quotes, rows of the wrong length, no
 * header), TRIAD_ERR_DATA_COLUMNS_MISMATCH, TRIAD_ERR_DATA_TOO_LARGE, or DataInvalidError
 * (TRIAD_ERR_DATA_INVALID) listing the cells that break the schema, with their lines.
 * @example
 * const table = readCsv(schema, 'age,region\n42,north\n', { source: 'people.csv' })
 */
export function readCsv(schema: PoolSchema, text: string, options: ReadCsvOptions = {}): Table {
  const source = options.source ?? 'the CSV data'
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS
  let records: CsvRecord[]
  try {
    records = parse(
      text,
      csvParseOptions(options.delimiter ?? ',', maxRows + 2),
    ) as unknown as CsvRecord[]
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const { lines: line, records: complete } = error as CsvError & {
      lines?: number
      records?: number
    }
    const details =
      error.code === 'CSV_QUOTE_NOT_CLOSED' && complete !== undefined
        ? `line ${unclosedQuoteLine(text, options.delimiter ?? ',', complete)}: a quoted field starts on this line and is never closed (${error.message})`
        : `${line === undefined ? '' : `line ${line}: `}${error.message} (${error.code})`
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `${source} is not well-formed CSV`, {
      details,
      hint: 'A field holding the delimiter, a quote or a line break must be wrapped in double quotes, and a quote inside it written twice ("").',
      cause: error,
    })
  }
  const [header, ...rows] = records
  if (header === undefined) {
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `${source} is empty`, {
      hint: `The first line names the columns: ${schema.columns.map((spec) => spec.name).join(',')}`,
    })
  }
  if (rows.length > maxRows) throw tooManyRows(source, maxRows)
  const positions = matchColumns(
    schema,
    header.record.map((name) => name.trim()),
    { source, what: 'header (line 1)' },
  )

  // A record's info gives the line it ends on; it starts after the previous record and the
  // blank lines skipped since.
  const lines = new Uint32Array(rows.length)
  let previous = header
  const ragged: string[] = []
  let raggedCount = 0
  rows.forEach((row, index) => {
    lines[index] = previous.info.lines + 1 + (row.info.empty_lines - previous.info.empty_lines)
    previous = row
    if (row.record.length !== header.record.length) {
      raggedCount += 1
      if (ragged.length < MAX_LISTED_PROBLEMS) {
        ragged.push(`line ${lines[index]} has ${row.record.length} cells`)
      }
    }
  })
  if (raggedCount > 0) {
    throw new TriadError(
      'TRIAD_ERR_DATA_MALFORMED',
      `${source}: ${raggedCount} ${raggedCount === 1 ? 'row has' : 'rows have'} a different number of cells than the header (${header.record.length})`,
      {
        details: `${ragged.join('; ')}${raggedCount > ragged.length ? `; ... ${raggedCount - ragged.length} more` : ''}`,
        hint: 'Every row needs one cell per column; leave a cell empty (two delimiters in a row) for a missing value.',
      },
    )
  }

  return buildTable(schema, {
    source,
    rowCount: rows.length,
    cell: (row, column) => rows[row]!.record[positions[column]!],
    line: (row) => lines[row],
  })
}

/**
 * csv-parse reports an unclosed quote at the end of the file; the seller needs the line where
 * the broken record starts: the first non-blank line after the last complete record.
 */
function unclosedQuoteLine(text: string, delimiter: string, completeRecords: number): number {
  const complete =
    completeRecords === 0
      ? []
      : (parse(text, csvParseOptions(delimiter, completeRecords)) as unknown as CsvRecord[])
  const lines = text.split(/\r\n|\n|\r/)
  let line = (complete.at(-1)?.info.lines ?? 0) + 1
  while (line < lines.length && lines[line - 1]!.trim() === '') line += 1
  return line
}
