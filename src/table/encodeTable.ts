import type { Table } from './Table.ts'
import { tableLayout } from './tableLayout.ts'

/**
 * A table as ring elements, column-major: the layout's vectors (`tableLayout`) end to end, each
 * `rowCount` long. Values in two's complement (so a fixed-point -0.5 at 16 bits is 2^64 -
 * 32768), masks as 1 (present) and 0 (missing), a missing value's slot 0. This is the vector a
 * seller secret-shares: rowCount * layout.vectors.length elements.
 *
 * @example
 * const ring = encodeTable(table)
 * const shares = shareReplicated(ring)
 */
export function encodeTable(table: Table): BigUint64Array {
  const layout = tableLayout(table.schema)
  const rows = table.rowCount
  const out = new BigUint64Array(rows * layout.vectors.length)
  for (const column of table.columns) {
    const vectors = layout.columns.get(column.spec.name)!
    // Reading the signed values' memory as unsigned is exactly two's complement.
    out.set(
      new BigUint64Array(column.values.buffer, column.values.byteOffset, rows),
      vectors.value * rows,
    )
    if (vectors.present !== undefined && column.present) {
      const offset = vectors.present * rows
      for (let row = 0; row < rows; row++) out[offset + row] = BigInt(column.present[row]!)
    }
  }
  return out
}
