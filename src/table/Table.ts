import type { ColumnSpec, PoolSchema } from '../protocol/schema/index.ts'

/**
 * One column of a validated table, already in its ring encoding read as signed integers:
 * integers as themselves, fixed point scaled by 2^fractionalBits, booleans 0/1, categories as
 * their index in the declared values. A missing value has 0 in `values` and 0 in `present`.
 */
export interface TableColumn {
  readonly spec: ColumnSpec
  readonly values: BigInt64Array
  /** 1 where the value is present, 0 where it is missing; only for nullable columns. */
  readonly present: Uint8Array | undefined
}

/**
 * Rows validated against a pool schema, column-major, in the schema's column order. Made by
 * `readCsv`, `readJson`, `tableFromRows` or `decodeTable`; encoded by `encodeTable`.
 */
export interface Table {
  readonly schema: PoolSchema
  /** Where the rows came from (a file name), for messages. */
  readonly source: string
  readonly rowCount: number
  readonly columns: readonly TableColumn[]
}

/** A value as people read it: integer bigint, fixed-point exact decimal string, boolean, category. */
export type CellValue = bigint | string | boolean | null
