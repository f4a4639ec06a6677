import type { BooleanShare } from '../boolean/index.ts'
import { fixedPointScale, ringAdd } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { bitDecompose } from './bitDecompose.ts'
import { bitToArithmetic } from './bitToArithmetic.ts'
import { runCircuit } from './circuits/circuit.ts'
import { normalizeCircuit } from './circuits/normalizeCircuit.ts'
import { maskedProducts } from './localProducts.ts'
import { reshareAdditive } from './reshareAdditive.ts'
import { reshareDivided } from './reshareDivided.ts'

/**
 * A positive fixed-point x written as u·2^e with u in a fixed interval, for Newton iterations
 * (`reciprocalFixed`, `sqrtFixed`), and the shares that turn a result t computed on u back into
 * t·2^exponent(k), k the leading bit of x.
 */
export interface NormalizedFixed {
  /** x / 2^(k+1−f+shift(k)) in fixed point (f bits), truncated: in [1/2, 1) or [1/4, 1). */
  readonly u: ReplicatedShare
  /** 2^exponent(k) where it is a non-negative integer power, else 0. */
  readonly low: ReplicatedShare
  /** 2^(f+exponent(k)) where −f ≤ exponent(k) < 0, else 0 (to divide by 2^f). */
  readonly high: ReplicatedShare
}

export interface NormalizeFixedOptions {
  readonly fractionalBits: number
  /** 1 where the leading bit k needs one more right shift (for an even exponent), else 0. */
  readonly shift?: (k: number) => 0 | 1
  /** The real power of two a result on u is scaled by, for leading bit k (an integer). */
  readonly exponent: (k: number) => number
}

/**
 * Bits of x (`bitDecompose`, 8 rounds), its leading one and mantissa (`normalizeCircuit`, 7
 * rounds), and one injection of the mantissa bits and of the one-hot bits that the scale needs
 * (`bitToArithmetic`, 2 rounds): 17 rounds. x must be non-negative and below 2^63 as a ring element.
 */
export async function normalizeFixed(
  session: Session,
  x: ReplicatedShare,
  options: NormalizeFixedOptions,
): Promise<NormalizedFixed> {
  const f = options.fractionalBits
  const n = x.first.length
  const bits = await bitDecompose(session, x)
  const { onehot, mantissa } = await runCircuit(
    session,
    normalizeCircuit(bits.slice(0, 63), f, options.shift),
  )
  const scaled = onehot.flatMap((plane, k) =>
    options.exponent(k) >= -f ? [{ plane, k, exponent: options.exponent(k) }] : [],
  )
  const planes = [...mantissa, ...scaled.map(({ plane }) => plane)]
  const words = bits[0]!.first.length
  const packed: BooleanShare = {
    first: new BigUint64Array(planes.length * words),
    second: new BigUint64Array(planes.length * words),
  }
  for (const [p, plane] of planes.entries()) {
    packed.first.set(plane.first, p * words)
    packed.second.set(plane.second, p * words)
  }
  const injected = await bitToArithmetic(session, packed, planes.length * words * 64)
  const combine = (terms: readonly { readonly plane: number; readonly weight: bigint }[]) => {
    const out = { first: new BigUint64Array(n), second: new BigUint64Array(n) }
    for (const { plane, weight } of terms) {
      const start = plane * words * 64
      const first = injected.first.subarray(start, start + n)
      const second = injected.second.subarray(start, start + n)
      for (let i = 0; i < n; i++) {
        out.first[i] = out.first[i]! + first[i]! * weight
        out.second[i] = out.second[i]! + second[i]! * weight
      }
    }
    return out
  }
  const weighted = (negative: boolean) =>
    scaled.flatMap(({ exponent }, s) =>
      exponent < 0 === negative
        ? [{ plane: f + s, weight: 1n << BigInt(negative ? f + exponent : exponent) }]
        : [],
    )
  return {
    u: combine(Array.from({ length: f }, (_, j) => ({ plane: j, weight: 1n << BigInt(j) }))),
    low: combine(weighted(false)),
    high: combine(weighted(true)),
  }
}

/**
 * t·2^exponent(k) in real terms for a fixed-point t computed on u, in one round: t·low exactly and
 * t·high truncated by f, side by side. The truncated part fails with probability |t·high|/2^64.
 */
export async function scaleBack(
  session: Session,
  t: ReplicatedShare,
  { low, high }: NormalizedFixed,
  fractionalBits: number,
): Promise<ReplicatedShare> {
  const [lowPart, highPart] = await Promise.all([
    reshareAdditive(session, maskedProducts(session, t, low)),
    reshareDivided(session, maskedProducts(session, t, high), fixedPointScale(fractionalBits)),
  ])
  return {
    first: ringAdd(lowPart.first, highPart.first),
    second: ringAdd(lowPart.second, highPart.second),
  }
}
