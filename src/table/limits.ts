import { TriadError } from '../errors/index.ts'
import { MAX_SHARE_ELEMENTS } from '../protocol/uploadRequest.ts'
import type { Table } from './Table.ts'
import { tableLayout } from './tableLayout.ts'

/**
 * The most rows one read accepts unless the caller says otherwise. A pool holds at most 2^24
 * rows in all (`MAX_TABLE_ROWS`); one contribution's upload is also bounded by the node's body
 * limit (`maxShareElements` in src/protocol/uploadRequest.ts).
 */
export const DEFAULT_MAX_ROWS = 1_000_000

/** Options every reader takes. */
export interface ReadTableOptions {
  /** Named in every message: the file name, or `rows`. */
  readonly source?: string
  /** Refuse more rows than this (TRIAD_ERR_DATA_TOO_LARGE). Default `DEFAULT_MAX_ROWS`. */
  readonly maxRows?: number
}

/**
 * Checks that a table can be one contribution: at least one row, and rows × layout vectors
 * within what one upload carries (`MAX_SHARE_ELEMENTS`).
 *
 * @throws TriadError TRIAD_ERR_DATA_INVALID for an empty table; TRIAD_ERR_DATA_TOO_LARGE saying
 * how many rows of this schema fit.
 * @example
 * checkContributable(table)
 */
export function checkContributable(table: Table): void {
  if (table.rowCount === 0) {
    throw new TriadError('TRIAD_ERR_DATA_INVALID', `${table.source} has no rows`, {
      hint: 'A contribution needs at least one row.',
    })
  }
  const vectors = tableLayout(table.schema).vectors.length
  if (table.rowCount * vectors > MAX_SHARE_ELEMENTS) {
    const fit = Math.floor(MAX_SHARE_ELEMENTS / vectors)
    throw new TriadError(
      'TRIAD_ERR_DATA_TOO_LARGE',
      `${table.source} has ${table.rowCount} rows, more than one upload holds`,
      {
        details: `${vectors} vectors per row in this pool; an upload holds ${MAX_SHARE_ELEMENTS} elements, so ${fit} rows`,
        hint: `Split the rows into contributions of at most ${fit} rows.`,
      },
    )
  }
}
