import { abs } from './bigintMath.ts'
import { ratioToNumber } from './ratio.ts'

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)]
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

/** An exact rational number with bigint numerator and positive denominator, in lowest terms. */
export class Fraction {
  readonly numerator: bigint
  readonly denominator: bigint

  constructor(numerator: bigint, denominator = 1n) {
    if (denominator === 0n) throw new RangeError('a fraction cannot have denominator 0')
    const sign = denominator < 0n ? -1n : 1n
    const divisor = gcd(numerator, denominator) || 1n
    this.numerator = (sign * numerator) / divisor
    this.denominator = (sign * denominator) / divisor
  }

  static readonly zero = new Fraction(0n)
  static readonly one = new Fraction(1n)

  add(other: Fraction): Fraction {
    return new Fraction(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    )
  }

  sub(other: Fraction): Fraction {
    return this.add(other.neg())
  }

  mul(other: Fraction): Fraction {
    return new Fraction(this.numerator * other.numerator, this.denominator * other.denominator)
  }

  div(other: Fraction): Fraction {
    return new Fraction(this.numerator * other.denominator, this.denominator * other.numerator)
  }

  neg(): Fraction {
    return new Fraction(-this.numerator, this.denominator)
  }

  isZero(): boolean {
    return this.numerator === 0n
  }

  toNumber(): number {
    return ratioToNumber(this.numerator, this.denominator)
  }
}

/**
 * Solves A·X = B exactly (A square, B with any number of columns) by Gauss–Jordan elimination
 * over the rationals; null when A is singular.
 *
 * @example
 * solveExact([[2n, 0n], [0n, 4n]].map(r => r.map(v => new Fraction(v))), [[new Fraction(1n)], [new Fraction(1n)]])
 * // [[1/2], [1/4]]
 */
export function solveExact(
  a: readonly (readonly Fraction[])[],
  b: readonly (readonly Fraction[])[],
): Fraction[][] | null {
  const n = a.length
  const m = b[0]?.length ?? 0
  const rows = a.map((row, i) => [...row, ...b[i]!])
  for (let col = 0; col < n; col++) {
    const pivot = rows.findIndex((row, i) => i >= col && !row[col]!.isZero())
    if (pivot < 0) return null
    ;[rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!]
    const head = rows[col]!
    const inverse = Fraction.one.div(head[col]!)
    for (let j = col; j < n + m; j++) head[j] = head[j]!.mul(inverse)
    for (let i = 0; i < n; i++) {
      if (i === col || rows[i]![col]!.isZero()) continue
      const factor = rows[i]![col]!
      for (let j = col; j < n + m; j++) rows[i]![j] = rows[i]![j]!.sub(factor.mul(head[j]!))
    }
  }
  return rows.map((row) => row.slice(n))
}
