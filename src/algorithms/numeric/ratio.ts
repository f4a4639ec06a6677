import { abs } from './bigintMath.ts'

/**
 * n / d as the nearest float64, for bigints of any size (Number(n) / Number(d) loses precision
 * once either passes 2^53, and overflows past 2^1024).
 *
 * @example
 * ratioToNumber(1n, 3n) // 0.3333333333333333
 */
export function ratioToNumber(n: bigint, d: bigint): number {
  if (d === 0n) return Number.NaN
  if (d < 0n) return ratioToNumber(-n, -d)
  if (abs(n) < 2n ** 53n && d < 2n ** 53n) return Number(n) / Number(d)
  // Scale so that the integer quotient has about 64 significant bits, then divide by the scale.
  const shift = d.toString(2).length - abs(n).toString(2).length + 64
  const q = shift >= 0 ? (n << BigInt(shift)) / d : n / (d << BigInt(-shift))
  return Number(q) * 2 ** -shift
}
