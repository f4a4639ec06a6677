import { TriadError } from '../errors/index.ts'
import { encodedRange, formatScaled, type PoolSchema } from '../protocol/schema/index.ts'
import { DataInvalidError, type DataProblem, MAX_LISTED_PROBLEMS } from './DataInvalidError.ts'
import type { CellValue, Table, TableColumn } from './Table.ts'
import { tableLayout } from './tableLayout.ts'

/**
 * The inverse of `encodeTable`: ring elements back to a table, checking that every mask is 0 or
 * 1, that a missing value's slot is 0 and that every present value is inside its column's
 * encoded range.
 *
 * @throws TriadError TRIAD_ERR_SHARE_ENCODING when the length is not rows × vectors;
 * DataInvalidError (TRIAD_ERR_DATA_INVALID) listing the elements that break the rules.
 * @example
 * const table = decodeTable(schema, 3, reconstructReplicated(shares))
 */
export function decodeTable(
  schema: PoolSchema,
  rowCount: number,
  ring: BigUint64Array,
  source = 'the decoded table',
): Table {
  const layout = tableLayout(schema)
  if (ring.length !== rowCount * layout.vectors.length) {
    throw new TriadError('TRIAD_ERR_SHARE_ENCODING', `${source} has the wrong length`, {
      details: `${ring.length} elements; ${rowCount} rows × ${layout.vectors.length} vectors = ${rowCount * layout.vectors.length}`,
    })
  }
  const problems: DataProblem[] = []
  let total = 0
  const report = (row: number, column: string, rule: string) => {
    total += 1
    if (problems.length < MAX_LISTED_PROBLEMS) {
      problems.push({ source, line: undefined, row: row + 1, column, rule })
    }
  }
  const columns = schema.columns.map((spec): TableColumn => {
    const vectors = layout.columns.get(spec.name)!
    const values = new BigInt64Array(
      ring.slice(vectors.value * rowCount, (vectors.value + 1) * rowCount).buffer,
    )
    let present: Uint8Array | undefined
    const badMask = new Set<number>()
    if (vectors.present !== undefined) {
      present = new Uint8Array(rowCount)
      const offset = vectors.present * rowCount
      for (let row = 0; row < rowCount; row++) {
        const mask = ring[offset + row]!
        if (mask > 1n) {
          report(row, `${spec.name}.present`, `mask ${mask} is not 0 or 1`)
          badMask.add(row)
        } else present[row] = Number(mask)
      }
    }
    const range = encodedRange(spec)
    for (let row = 0; row < rowCount; row++) {
      const value = values[row]!
      if (badMask.has(row)) continue
      if (present && present[row] === 0) {
        if (value !== 0n) report(row, spec.name, `missing value has slot ${value}, not 0`)
      } else if (value < range.min || value > range.max) {
        report(row, spec.name, `encoded value ${value} is outside [${range.min}, ${range.max}]`)
      }
    }
    return { spec, values, present }
  })
  if (total > 0) throw new DataInvalidError({ source, schema, problems, total })
  return { schema, source, rowCount, columns }
}

/**
 * A table's rows as people read them: integers as bigints, fixed point as exact decimal strings,
 * booleans, category names, and null for missing values.
 *
 * @example
 * tableToRows(readCsv(schema, 'age,income\n42,0.1\n'))
 * // [{ age: 42n, income: '0.100006103515625' }]
 */
export function tableToRows(table: Table): Record<string, CellValue>[] {
  return Array.from({ length: table.rowCount }, (_, row) => {
    const out: Record<string, CellValue> = {}
    for (const column of table.columns) {
      const { spec } = column
      const value = column.values[row]!
      if (column.present && column.present[row] === 0) out[spec.name] = null
      else if (spec.type === 'integer') out[spec.name] = value
      else if (spec.type === 'fixed') out[spec.name] = formatScaled(value, spec.fractionalBits)
      else if (spec.type === 'boolean') out[spec.name] = value === 1n
      else out[spec.name] = spec.values[Number(value)]!
    }
    return out
  })
}
