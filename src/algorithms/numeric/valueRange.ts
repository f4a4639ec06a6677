import { type ColumnSpec, encodedRange } from '../../protocol/schema/index.ts'

/**
 * The range of the ring values a column's value vector can hold, read as signed integers: its
 * encoded bounds, widened to include 0 when the column is nullable (a missing value's slot is 0).
 *
 * @example
 * valueRange({ name: 'age', type: 'integer', min: 18n, max: 100n, nullable: true })
 * // { min: 0n, max: 100n }
 */
export function valueRange(spec: ColumnSpec): { min: bigint; max: bigint } {
  const range = encodedRange(spec)
  if (!spec.nullable) return range
  return { min: range.min < 0n ? range.min : 0n, max: range.max > 0n ? range.max : 0n }
}
