import { TriadError } from '../errors/index.ts'
import { type PoolSchema, poolSchemaHash } from '../protocol/schema/index.ts'
import type { ReadTableOptions } from './limits.ts'
import { readCsv } from './readCsv.ts'
import { readJson, tableFromRows } from './readJson.ts'
import type { Table } from './Table.ts'

/** Rows in any form a seller has them: objects in code, CSV or JSON text, or a table read before. */
export type TableInput =
  | { readonly rows: readonly Readonly<Record<string, unknown>>[]; readonly source?: string }
  | { readonly csv: string; readonly source?: string; readonly delimiter?: string }
  | { readonly json: string; readonly source?: string }
  | { readonly table: Table }

/**
 * Reads rows in any `TableInput` form against a schema (`readCsv`, `readJson`,
 * `tableFromRows`). A `table` read before is accepted if it was read against the same schema.
 *
 * @example
 * const table = readTable(schema, { csv: text, source: 'sales.csv' })
 * const same = readTable(schema, { rows: [{ age: 42, region: 'north' }] })
 */
export function readTable(
  schema: PoolSchema,
  input: TableInput,
  options: Pick<ReadTableOptions, 'maxRows'> = {},
): Table {
  if ('table' in input) {
    if (poolSchemaHash(input.table.schema) !== poolSchemaHash(schema)) {
      throw new TriadError(
        'TRIAD_ERR_DATA_INVALID',
        `${input.table.source} was read against another schema than the pool's`,
        { hint: "Read the rows against the pool's schema (poolSchemaFromUri of the pool)." },
      )
    }
    return input.table
  }
  if ('csv' in input) return readCsv(schema, input.csv, { ...options, ...input })
  if ('json' in input) return readJson(schema, input.json, { ...options, ...input })
  return tableFromRows(schema, input.rows, { ...options, source: input.source })
}
