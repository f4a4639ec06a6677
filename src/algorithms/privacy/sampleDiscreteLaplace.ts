import type { RandomSource } from './RandomSource.ts'

/** A positive rational number numerator / denominator. */
export interface Fraction {
  readonly numerator: bigint
  readonly denominator: bigint
}

/** Bernoulli(p) for a rational p = numerator / denominator in [0, 1]. */
function bernoulli(random: RandomSource, numerator: bigint, denominator: bigint): boolean {
  return random.uniform(denominator) < numerator
}

/**
 * Bernoulli(exp(−γ)) for a rational γ = numerator / denominator ≥ 0, exactly, with integer
 * arithmetic only (Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy",
 * NeurIPS 2020, Algorithm 1): for γ ≤ 1 count the Bernoulli(γ/k) successes k = 1, 2, … before the
 * first failure and return whether the count is even; for γ > 1 multiply ⌊γ⌋ draws of
 * Bernoulli(exp(−1)) with one of exp(−(γ − ⌊γ⌋)).
 */
function bernoulliExp(random: RandomSource, numerator: bigint, denominator: bigint): boolean {
  if (numerator <= denominator) {
    let k = 1n
    while (bernoulli(random, numerator, denominator * k)) k += 1n
    return k % 2n === 1n
  }
  for (let i = 0n; i < numerator / denominator; i++) if (!bernoulliExp(random, 1n, 1n)) return false
  return bernoulliExp(random, numerator % denominator, denominator)
}

/**
 * One draw of the discrete Laplace distribution with scale b = numerator / denominator:
 * P(X = x) ∝ exp(−|x| / b) over the integers. Exact: integer arithmetic and uniform integers only,
 * no floating point (so none of the floating-point attacks on the continuous Laplace mechanism
 * apply). Canonne, Kamath and Steinke 2020, Algorithm 2: a geometric variable of parameter
 * exp(−1/t) (t = numerator) from a uniform remainder accepted with probability exp(−U/t) and a
 * geometric count of exp(−1) successes, divided by s = denominator, then a random sign with the
 * negative zero rejected.
 *
 * Adding it to a value that one row can change by at most Δ gives ε-differential privacy for
 * b = Δ / ε.
 *
 * @example
 * sampleDiscreteLaplace(cryptoRandomSource(), { numerator: 20n, denominator: 1n }) // e.g. -13n
 */
export function sampleDiscreteLaplace(random: RandomSource, scale: Fraction): bigint {
  const t = scale.numerator
  const s = scale.denominator
  if (t < 1n || s < 1n) throw new RangeError(`a scale must be positive, got ${t}/${s}`)
  for (;;) {
    const u = random.uniform(t)
    if (!bernoulliExp(random, u, t)) continue
    let v = 0n
    while (bernoulliExp(random, 1n, 1n)) v += 1n
    const y = (u + t * v) / s
    const negative = random.uniform(2n) === 1n
    if (negative && y === 0n) continue
    return negative ? -y : y
  }
}
