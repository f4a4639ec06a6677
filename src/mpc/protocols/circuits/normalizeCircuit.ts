import { type BooleanShare, xorBits } from '../../boolean/index.ts'
import type { AndGate } from './andLayer.ts'
import type { Circuit } from './circuit.ts'

/** What `normalizeCircuit` returns, all as bit planes of the same width. */
export interface Normalized {
  /** onehot[k]: the leading one of x is bit k (none set for x = 0). */
  readonly onehot: BooleanShare[]
  /** mantissa[j], j = 0 … f−1: bit j of ⌊x / 2^(k+1−f+shift(k))⌋ for the leading bit k. */
  readonly mantissa: BooleanShare[]
}

/**
 * Finds the leading one k of non-negative values given as bit planes (bits[k] = bit k of every
 * element, k = 0 … 62), and the f bits of x shifted so that bit k lands on bit f−1 (or f−2 where
 * `shift(k)` is 1): the normalisation of x by a secret power of two for Newton iterations in fixed
 * point, to [1/2, 1) or, with a parity-dependent shift, to [1/4, 1).
 *
 * Leading one: a prefix OR from the top, Hillis–Steele (p_k ← p_k OR p_{k+d} for d = 1, 2, 4, …,
 * one AND gate per OR, as (a AND b) ⊕ (a ⊕ b)), then onehot_k = p_k ⊕ p_{k+1}: 6 rounds and 315
 * AND planes for 63 planes. Mantissa bit j = ⊕_k onehot_k AND bit_{j+k+1−f+shift(k)}: one round,
 * one AND plane per pair (j, k) whose source bit lies below k (the leading bit itself needs none).
 */
export function* normalizeCircuit(
  bits: readonly BooleanShare[],
  fractionalBits: number,
  shift: (k: number) => 0 | 1 = () => 0,
): Circuit<Normalized> {
  const top = bits.length
  let prefix = bits.slice()
  for (let d = 1; d < top; d *= 2) {
    const gates: AndGate[] = []
    for (let k = 0; k + d < top; k++)
      gates.push([prefix[k]!, prefix[k + d]!, xorBits(prefix[k]!, prefix[k + d]!)])
    const ors = yield gates
    prefix = prefix.map((plane, k) => (k + d < top ? ors[k]! : plane))
  }
  const onehot = prefix.map((plane, k) => (k + 1 < top ? xorBits(plane, prefix[k + 1]!) : plane))

  const f = fractionalBits
  const words = bits[0]!.first.length
  const mantissa = Array.from({ length: f }, () => ({
    first: new BigUint64Array(words),
    second: new BigUint64Array(words),
  }))
  const gates: AndGate[] = []
  const owners: number[] = []
  for (let j = 0; j < f; j++)
    for (let k = 0; k < top; k++) {
      const source = j + k + 1 - f + shift(k)
      if (source === k) xorBits(mantissa[j]!, onehot[k]!, mantissa[j]!)
      else if (source >= 0 && source < k) {
        gates.push([onehot[k]!, bits[source]!])
        owners.push(j)
      }
    }
  const products = yield gates
  for (const [g, product] of products.entries()) {
    const target = mantissa[owners[g]!]!
    xorBits(target, product, target)
  }
  return { onehot, mantissa }
}
