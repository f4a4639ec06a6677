import { TriadError } from '../errors/index.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'
import { buildTable } from './buildTable.ts'
import { columnsMismatch, tooManyRows } from './checkColumns.ts'
import { DEFAULT_MAX_ROWS, type ReadTableOptions } from './limits.ts'
import type { Table } from './Table.ts'

/**
 * Reads JSON text against a pool schema: an array with one object per row, keyed by column
 * name. `null` or an absent key is a missing value; a key that is not a column is an error (it
 * catches misspelt names). Errors name the line each row object starts on. Browser-safe.
 *
 * @throws TriadError TRIAD_ERR_DATA_MALFORMED (not JSON, not an array of objects),
 * TRIAD_ERR_DATA_COLUMNS_MISMATCH, TRIAD_ERR_DATA_TOO_LARGE, or DataInvalidError
 * (TRIAD_ERR_DATA_INVALID).
 * @example
 * const table = readJson(schema, '[{ "age": 42, "region": "north" }]', { source: 'people.json' })
 */
export function readJson(schema: PoolSchema, text: string, options: ReadTableOptions = {}): Table {
  const source = options.source ?? 'the JSON data'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))
    const line = position ? lineAt(text, Number(position[1])) : undefined
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `${source} is not well-formed JSON`, {
      details: `${line === undefined ? '' : `line ${line}: `}${(error as Error).message}`,
      hint: 'The file must be a JSON array of objects, one per row: [{ "column": value, ... }, ...].',
      cause: error,
    })
  }
  return tableFromObjects(schema, value, {
    source,
    maxRows: options.maxRows,
    lines: Array.isArray(value) ? elementLines(text) : [],
  })
}

/**
 * Validates rows given in code (objects keyed by column name) against a pool schema, as
 * `readJson` does for a file; problems name the row (from 1) instead of a line.
 *
 * @example
 * const table = tableFromRows(schema, [{ age: 42, income: '51000.50', smoker: null, region: 'north' }])
 */
export function tableFromRows(
  schema: PoolSchema,
  rows: readonly Readonly<Record<string, unknown>>[],
  options: ReadTableOptions = {},
): Table {
  return tableFromObjects(schema, rows, {
    source: options.source ?? 'rows',
    maxRows: options.maxRows,
    lines: undefined,
  })
}

function tableFromObjects(
  schema: PoolSchema,
  value: unknown,
  where: { source: string; maxRows: number | undefined; lines: readonly number[] | undefined },
): Table {
  const { source } = where
  const maxRows = where.maxRows ?? DEFAULT_MAX_ROWS
  const at = (index: number) =>
    where.lines === undefined ? `row ${index + 1}` : `line ${where.lines[index]}`
  if (!Array.isArray(value)) {
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `${source} is not an array of rows`, {
      details: `found ${describe(value)}`,
      hint: 'Give an array of objects, one per row: [{ "column": value, ... }, ...].',
    })
  }
  if (value.length > maxRows) throw tooManyRows(source, maxRows)
  const notObjects = value.flatMap((row, index) =>
    isRecord(row) ? [] : [`${at(index)} is ${describe(row)}`],
  )
  if (notObjects.length > 0) {
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `${source}: every row must be an object`, {
      details: notObjects.slice(0, 20).join('; '),
      hint: 'Write each row as { "column": value, ... }.',
    })
  }
  const rows = value as Record<string, unknown>[]
  const known = new Set(schema.columns.map((spec) => spec.name))
  const unknown = new Map<string, number>()
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key) && !unknown.has(key)) unknown.set(key, index)
    }
  })
  if (unknown.size > 0) {
    throw columnsMismatch(
      schema,
      { source, what: `keys of the rows (first unknown key at ${at([...unknown.values()][0]!)})` },
      { missing: [], unknown: [...unknown.keys()], repeated: [] },
    )
  }
  const names = schema.columns.map((spec) => spec.name)
  return buildTable(schema, {
    source,
    rowCount: rows.length,
    cell: (row, column) => rows[row]![names[column]!],
    line: (row) => where.lines?.[row],
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value} (${String(value)})`
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1
  return line
}

/**
 * The line each element of a top-level JSON array starts on. Runs on text JSON.parse accepted,
 * so it only tracks strings (with escapes) and nesting depth.
 */
function elementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  let expectElement = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (char === 10) line += 1
    if (inString) {
      if (char === 92)
        i += 1 // backslash: skip the escaped character (never a newline in JSON)
      else if (char === 34) inString = false
      continue
    }
    if (char === 32 || char === 9 || char === 10 || char === 13) continue
    if (depth === 1 && expectElement && char !== 93) {
      lines.push(line)
      expectElement = false
    }
    if (char === 34) inString = true
    else if (char === 91 || char === 123) {
      depth += 1
      if (depth === 1) expectElement = true
    } else if (char === 93 || char === 125) depth -= 1
    else if (char === 44 && depth === 1) expectElement = true
  }
  return lines
}
