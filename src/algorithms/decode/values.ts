import type { ColumnSpec } from '../../protocol/schema/index.ts'
import { ratioToNumber } from '../numeric/ratio.ts'

/**
 * The scale of a column's encoding: fixed-point values are integers times 2^−fractionalBits,
 * everything else is as encoded.
 */
export function unitOf(spec: ColumnSpec): bigint {
  return spec.type === 'fixed' ? 1n << BigInt(spec.fractionalBits) : 1n
}

/**
 * An encoded value (or numerator / denominator of encoded values) in the column's real units,
 * as a float64.
 *
 * @example
 * realValue(98304n, incomeSpec) // 1.5 (16 fractional bits)
 */
export function realValue(encoded: bigint, spec: ColumnSpec, denominator = 1n): number {
  return ratioToNumber(encoded, denominator * unitOf(spec))
}
