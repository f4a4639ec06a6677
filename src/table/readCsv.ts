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
 * CRLF, LF or CR (even mixed), blank lines are skipped, and rows of another length than the
 * header are kept (to be reported with their lines). With `info`, each record comes with the
 * line numbers it spans; that costs about twice the time, so Triad asks for it only when it has
 * something to report.
 */
export function csvParseOptions(delimiter: string, maxRecords: number, info = true): Options {
  return {
    bom: true,
    delimiter,
    info,
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
  const delimiter = options.delimiter ?? ','
  let records: string[][]
  try {
    records = parse(text, csvParseOptions(delimiter, maxRows + 2, false)) as string[][]
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const { lines: line, records: complete } = error as CsvError & {
      lines?: number
      records?: number
    }
    const details =
      error.code === 'CSV_QUOTE_NOT_CLOSED' && complete !== undefined
        ? `line ${unclosedQuoteLine(text, delimiter, complete)}: a quoted field starts on this line and is never closed (${error.message})`
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
    header.map((name) => name.trim()),
    { source, what: 'header (line 1)' },
  )
  let lines: Uint32Array | undefined
  const lineOf = (row: number) => {
    lines ??= startLines(text, delimiter, rows.length + 1)
    return lines[row]!
  }

  const ragged: string[] = []
  let raggedCount = 0
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      raggedCount += 1
      if (ragged.length < MAX_LISTED_PROBLEMS) {
        ragged.push(`line ${lineOf(index)} has ${row.length} cells`)
      }
    }
  })
  if (raggedCount > 0) {
    throw new TriadError(
      'TRIAD_ERR_DATA_MALFORMED',
      `${source}: ${raggedCount} ${raggedCount === 1 ? 'row has' : 'rows have'} a different number of cells than the header (${header.length})`,
      {
        details: `${ragged.join('; ')}${raggedCount > ragged.length ? `; ... ${raggedCount - ragged.length} more` : ''}`,
        hint: 'Every row needs one cell per column; leave a cell empty (two delimiters in a row) for a missing value.',
      },
    )
  }

  return buildTable(schema, {
    source,
    rowCount: rows.length,
    cell: (row, column) => rows[row]![positions[column]!],
    line: lineOf,
  })
}

/**
 * The line each data row starts on, from a second parse with `info` (only when something is
 * reported). A record's info gives the line it ends on; the next starts after it and the blank
 * lines skipped since.
 */
function startLines(text: string, delimiter: string, records: number): Uint32Array {
  const parsed = parse(text, csvParseOptions(delimiter, records)) as unknown as CsvRecord[]
  const lines = new Uint32Array(Math.max(parsed.length - 1, 0))
  for (let index = 1; index < parsed.length; index++) {
    const previous = parsed[index - 1]!.info
    lines[index - 1] = previous.lines + 1 + (parsed[index]!.info.empty_lines - previous.empty_lines)
  }
  return lines
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
