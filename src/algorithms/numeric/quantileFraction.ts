/**
 * Quantile probabilities travel as multiples of 2^−16 (a / 65536), so that the positions and
 * interpolation weights of the secure computation are exact integers. 0, 1/4, 1/2, 3/4 and 1 are
 * exact; 0.1 becomes 6554/65536 ≈ 0.100006.
 */
export const QUANTILE_BITS = 16n
export const QUANTILE_ONE = 1n << QUANTILE_BITS

/**
 * The numerator a of q ≈ a / 2^16, rounded to nearest.
 *
 * @example
 * quantileNumerator(0.5) // 32768n
 */
export function quantileNumerator(q: number): bigint {
  return BigInt(Math.round(q * Number(QUANTILE_ONE)))
}
