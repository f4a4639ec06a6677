import type { PoolSchema } from '../../protocol/schema/index.ts'
import { momentLayout } from '../numeric/momentLayout.ts'
import { productScaling } from '../numeric/productScaling.ts'
import { ratioToNumber } from '../numeric/ratio.ts'
import { unitOf } from './values.ts'

/**
 * Reads a block of moment sums (`momentLayout`) back into statistics, in exact bigint arithmetic
 * until the last division. Every quantity is in the columns' real units: encoded values are
 * divided by 2^fractionalBits, scaled sums multiplied back by 2^shift.
 */
export class Moments {
  readonly #values: readonly bigint[]
  readonly #layout: ReturnType<typeof momentLayout>
  readonly #units: bigint[]
  readonly #shifts: bigint[]
  readonly #centers: bigint[]

  constructor(
    values: readonly bigint[],
    columns: readonly string[],
    schema: PoolSchema,
    rows: number,
  ) {
    this.#values = values
    this.#layout = momentLayout(columns.length)
    const specs = columns.map((name) => schema.columns.find((column) => column.name === name)!)
    this.#units = specs.map(unitOf)
    const scalings = specs.map((spec) => productScaling(spec, rows))
    this.#shifts = scalings.map((scaling) => 1n << BigInt(scaling.shift))
    this.#centers = scalings.map((scaling) => scaling.center)
  }

  /** The number of rows behind the block. */
  get count(): bigint {
    return this.#values[this.#layout.count]!
  }

  /** Σ x'_a (scaled) and Σ x'_a·x'_b. */
  #scaled(a: number): bigint {
    return this.#values[this.#layout.scaled(a)]!
  }

  #product(a: number, b: number): bigint {
    return this.#values[this.#layout.product(a, b)]!
  }

  /** The mean of column a, exact from the centred sum. NaN for no rows. */
  mean(a: number): number {
    const n = this.count
    const centred = this.#values[this.#layout.centred(a)]!
    return ratioToNumber(this.#centers[a]! * n + centred, n * this.#units[a]!)
  }

  /** n·Σx'_a x'_b − Σx'_a·Σx'_b: n² times the covariance of the scaled values. */
  comoment(a: number, b: number): bigint {
    return this.count * this.#product(a, b) - this.#scaled(a) * this.#scaled(b)
  }

  /** The sample covariance of columns a and b (n − 1 in the denominator); null below 2 rows. */
  covariance(a: number, b: number): number | null {
    const n = this.count
    if (n < 2n) return null
    return ratioToNumber(
      this.comoment(a, b) * this.#shifts[a]! * this.#shifts[b]!,
      n * (n - 1n) * this.#units[a]! * this.#units[b]!,
    )
  }

  /** The sample variance of column a, never below 0 (noise can push it there); null below 2 rows. */
  variance(a: number): number | null {
    const value = this.covariance(a, a)
    return value === null ? null : Math.max(0, value)
  }

  /** Pearson's correlation of columns a and b; null below 2 rows or when a column is constant. */
  correlation(a: number, b: number): number | null {
    if (this.count < 2n) return null
    const aa = this.comoment(a, a)
    const bb = this.comoment(b, b)
    if (aa <= 0n || bb <= 0n) return null
    const r =
      ratioToNumber(this.comoment(a, b), 1n) /
      Math.sqrt(ratioToNumber(aa, 1n) * ratioToNumber(bb, 1n))
    return Math.max(-1, Math.min(1, r))
  }
}
