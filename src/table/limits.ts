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
