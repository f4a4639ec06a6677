/**
 * The layout of one block of moment sums over A columns:
 * `[count, Σ(x_a − c_a) for each a, Σx'_a for each a, Σx'_a·x'_b for each a ≤ b]`, where c_a is
 * the column's centre and x'_a = ⌊(x_a − c_a) / 2^s_a⌋ its scaled value (`productScaling`).
 */
export function momentLayout(columns: number): {
  readonly count: 0
  centred(a: number): number
  scaled(a: number): number
  product(a: number, b: number): number
  readonly size: number
} {
  const A = columns
  const pairIndex = (a: number, b: number) => {
    const [i, j] = a <= b ? [a, b] : [b, a]
    return i * A - (i * (i - 1)) / 2 + (j - i)
  }
  return {
    count: 0,
    centred: (a) => 1 + a,
    scaled: (a) => 1 + A + a,
    product: (a, b) => 1 + 2 * A + pairIndex(a, b),
    size: 1 + 2 * A + (A * (A + 1)) / 2,
  }
}
