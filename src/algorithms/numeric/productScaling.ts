import { type ColumnSpec, encodedRange } from '../../protocol/schema/index.ts'
import { abs, bitLength, ceilDiv, floorDiv, maxOf } from './bigintMath.ts'

/** Sums of products must stay below this in magnitude, so that they never wrap the 2^64 ring. */
export const PRODUCT_SUM_LIMIT = 2n ** 62n

/**
 * How a column is prepared before its values are multiplied (variance, covariance,
 * regression): centred on the middle of its bounds, then divided by 2^shift (exactly, rounding
 * down) so that the sum of n squared values cannot wrap the ring. Everything here is public: it
 * follows from the schema's bounds and the number of rows.
 */
export interface ProductScaling {
  /** The centre subtracted from every encoded value: ⌊(min + max) / 2⌋. */
  readonly center: bigint
  /** The largest |x − center| over the column's bounds. */
  readonly halfWidth: bigint
  /** Values are divided by 2^shift, rounding down: x' = ⌊(x − center) / 2^shift⌋. */
  readonly shift: number
  /** The largest |x'|: ⌈halfWidth / 2^shift⌉. */
  readonly bound: bigint
  /** The bit bound ℓ of x − center for exact truncation: |x − center| < 2^ℓ. */
  readonly bits: number
}

/**
 * The middle of a column's encoded bounds, ⌊(min + max) / 2⌋: sums are taken of x − center, which
 * keeps them small and makes noise for differential privacy proportional to the column's width.
 *
 * @example
 * centerOf({ name: 'age', type: 'integer', min: 18n, max: 100n, nullable: false }) // 59n
 */
export function centerOf(spec: ColumnSpec): bigint {
  const { min, max } = encodedRange(spec)
  return floorDiv(min + max, 2n)
}

/**
 * The scaling of a column for products over `rows` rows: the smallest shift with
 * rows × bound² ≤ 2^62. With the schema's bounds (|x| ≤ 2^39) and up to 2^24 rows a shift of at
 * most 20 bits is ever needed; small columns (ages, counts) need none, and stay exact.
 *
 * @example
 * productScaling({ name: 'age', type: 'integer', min: 0n, max: 120n, nullable: false }, 1_000_000)
 * // { center: 60n, halfWidth: 60n, shift: 0, bound: 60n, bits: 6 }
 */
export function productScaling(spec: ColumnSpec, rows: number): ProductScaling {
  const { min, max } = encodedRange(spec)
  const center = centerOf(spec)
  const halfWidth = maxOf(max - center, center - min)
  const n = BigInt(Math.max(rows, 1))
  let shift = 0
  let bound = halfWidth
  while (n * bound * bound > PRODUCT_SUM_LIMIT) {
    shift += 1
    bound = ceilDiv(halfWidth, 1n << BigInt(shift))
  }
  // A missing value's slot is 0, so x − center can also be −center.
  const bits = Math.max(1, bitLength(maxOf(halfWidth, abs(center))), shift)
  return { center, halfWidth, shift, bound, bits }
}
