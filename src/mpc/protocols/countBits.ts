import { TriadError } from '../../errors/index.ts'
import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { bitToArithmetic } from './bitToArithmetic.ts'
import { type AndGate, andLayer } from './circuits/andLayer.ts'

/** Below this many words a weight's vector is injected as it is instead of being added further. */
const KEEP_WORDS = 3

export interface CountBitsParameters {
  /** How many bit vectors (segments) to count. */
  readonly segments: number
  /** Words per segment: segment k is words [k·w, (k+1)·w) of the input. */
  readonly wordsPerSegment: number
  /** Bits per segment (the rest of its last word is padding and is ignored). */
  readonly bitsPerSegment: number
}

/**
 * How many bits are set in each of several secret bit vectors (population count), as ring
 * elements, without converting every bit: a carry-save adder tree on packed words. In each
 * round, every weight class of every segment with at least three words is cut into thirds
 * A, B, C and replaced by the full adder's sum A ⊕ B ⊕ C (same weight, free) and carry
 * maj(A, B, C) = ((A ⊕ C) ∧ (B ⊕ C)) ⊕ C (twice the weight, one AND), all segments and weights in
 * one AND layer. Each round removes a third of the words; when every weight is down to a couple
 * of words, those bits are injected into the ring and summed with their weights.
 *
 * Cost: about one AND per input bit in all (one bit sent per bit, against 10.7 bytes for bit
 * injection of every bit), in ≈ log_1.5(words / 3) rounds, plus the injection of about
 * 2·64·log2(bits) bits per segment.
 *
 * @leakage none
 * @example
 * const counts = await countBits(session, masks, { segments: 4, wordsPerSegment: w, bitsPerSegment: n })
 */
export async function countBits(
  session: Session,
  bits: BooleanShare,
  { segments, wordsPerSegment, bitsPerSegment }: CountBitsParameters,
): Promise<ReplicatedShare> {
  if (
    bits.first.length !== segments * wordsPerSegment ||
    bits.second.length !== segments * wordsPerSegment ||
    bitsPerSegment > wordsPerSegment * 64
  )
    throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'The bits do not fit the segments', {
      details: `${bits.first.length} words for ${segments} segments of ${wordsPerSegment} words (${bitsPerSegment} bits each)`,
    })
  // classes[k][e]: the words of weight 2^e of segment k. Padding bits are cleared first (AND with
  // a public mask is local: every component is masked).
  const classes: BooleanShare[][] = []
  for (let k = 0; k < segments; k++) {
    const first = bits.first.slice(k * wordsPerSegment, (k + 1) * wordsPerSegment)
    const second = bits.second.slice(k * wordsPerSegment, (k + 1) * wordsPerSegment)
    const spare = wordsPerSegment * 64 - bitsPerSegment
    if (wordsPerSegment > 0 && spare > 0) {
      const keep = (1n << BigInt(64 - spare)) - 1n
      first[wordsPerSegment - 1] = first[wordsPerSegment - 1]! & keep
      second[wordsPerSegment - 1] = second[wordsPerSegment - 1]! & keep
    }
    classes.push([{ first, second }])
  }
  for (;;) {
    const gates: AndGate[] = []
    const pending: {
      k: number
      e: number
      sum: BooleanShare
      c: BooleanShare
      rest: BooleanShare
    }[] = []
    for (const [k, weights] of classes.entries())
      for (const [e, words] of weights.entries()) {
        const m = Math.floor(words.first.length / 3)
        if (m < 1 || words.first.length < KEEP_WORDS) continue
        const part = (i: number) => ({
          first: words.first.subarray(i * m, (i + 1) * m),
          second: words.second.subarray(i * m, (i + 1) * m),
        })
        const [a, b, c] = [part(0), part(1), part(2)]
        const ac = xor(a, c)
        gates.push([ac, xor(b, c)])
        pending.push({
          k,
          e,
          sum: xor(ac, b),
          c,
          rest: { first: words.first.subarray(3 * m), second: words.second.subarray(3 * m) },
        })
      }
    if (gates.length === 0) break
    const products = await andLayer(session, gates)
    const carries: BooleanShare[][] = classes.map(() => [])
    for (const [i, { k, e, sum, c, rest }] of pending.entries()) {
      classes[k]![e] = join(sum, rest)
      carries[k]![e + 1] ??= { first: new BigUint64Array(0), second: new BigUint64Array(0) }
      carries[k]![e + 1] = join(carries[k]![e + 1]!, xor(products[i]!, c))
    }
    for (const [k, weights] of carries.entries())
      for (const [e, words] of weights.entries())
        if (words !== undefined)
          classes[k]![e] = classes[k]![e] === undefined ? words : join(classes[k]![e]!, words)
  }
  // Inject what is left, every word of every weight of every segment, in one call.
  const layout: { k: number; e: number; words: number }[] = []
  let total = 0
  for (const [k, weights] of classes.entries())
    for (const [e, words] of weights.entries())
      if (words !== undefined && words.first.length > 0) {
        layout.push({ k, e, words: words.first.length })
        total += words.first.length
      }
  const all = { first: new BigUint64Array(total), second: new BigUint64Array(total) }
  let offset = 0
  for (const { k, e, words } of layout) {
    all.first.set(classes[k]![e]!.first, offset)
    all.second.set(classes[k]![e]!.second, offset)
    offset += words
  }
  const ring = await bitToArithmetic(session, all, total * 64)
  const counts = { first: new BigUint64Array(segments), second: new BigUint64Array(segments) }
  offset = 0
  for (const { k, e, words } of layout) {
    let first = 0n
    let second = 0n
    for (let i = offset * 64; i < (offset + words) * 64; i++) {
      first += ring.first[i]!
      second += ring.second[i]!
    }
    counts.first[k] = counts.first[k]! + (first << BigInt(e))
    counts.second[k] = counts.second[k]! + (second << BigInt(e))
    offset += words
  }
  return counts
}

function xor(x: BooleanShare, y: BooleanShare): BooleanShare {
  const first = new BigUint64Array(x.first.length)
  const second = new BigUint64Array(x.first.length)
  for (let i = 0; i < first.length; i++) {
    first[i] = x.first[i]! ^ y.first[i]!
    second[i] = x.second[i]! ^ y.second[i]!
  }
  return { first, second }
}

function join(x: BooleanShare, y: BooleanShare): BooleanShare {
  const first = new BigUint64Array(x.first.length + y.first.length)
  const second = new BigUint64Array(x.first.length + y.first.length)
  first.set(x.first)
  first.set(y.first, x.first.length)
  second.set(x.second)
  second.set(y.second, x.first.length)
  return { first, second }
}
