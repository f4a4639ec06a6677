/** Integer helpers on bigint (Math.* does not take bigints). */

/** The larger of two bigints. */
export function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

/** The smaller of two bigints. */
export function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

/** |a|. */
export function abs(a: bigint): bigint {
  return a < 0n ? -a : a
}

/** ⌊a / b⌋ for b > 0, rounding towards −∞ (bigint `/` rounds towards 0). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** ⌈a / b⌉ for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b)
}

/** The number of bits of |a| (0 for 0). */
export function bitLength(a: bigint): number {
  return a === 0n ? 0 : abs(a).toString(2).length
}
