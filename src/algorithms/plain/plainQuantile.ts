import type { Table } from '../../table/index.ts'
import { QUANTILE_BITS, QUANTILE_ONE } from '../numeric/quantileFraction.ts'
import { plainColumn } from './plainSelection.ts'

/**
 * The type-7 quantile of the rows' values with q = a / 2^16, exactly: sort, h = (c − 1)·q,
 * interpolate between y_⌊h⌋ and y_⌈h⌉. Returns the value times 2^16 in the column's encoding.
 */
export function plainQuantile(
  table: Table,
  column: string,
  rows: readonly number[],
  a: bigint,
): bigint {
  const values = plainColumn(table, column)
  const sorted = rows.map((row) => values.values[row]!).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
  const h = BigInt(sorted.length - 1) * a
  const index = Number(h >> QUANTILE_BITS)
  const weight = h & (QUANTILE_ONE - 1n)
  const lower = sorted[index]!
  const upper = sorted[Math.min(index + 1, sorted.length - 1)]!
  return lower * QUANTILE_ONE + weight * (upper - lower)
}
