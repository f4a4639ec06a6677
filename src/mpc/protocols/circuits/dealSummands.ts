import { type BooleanShare, bitSliceInto, halvesOf, wordsForBits } from '../../boolean/index.ts'
import { assertSameLength } from '../../ring/index.ts'
import type { Session } from '../../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../../sharing/index.ts'
import { receiveVector, sendVector } from '../vectorMessages.ts'
import { dealerSegment } from './dealerSegments.ts'

export interface DealSummandsParameters {
  /** How many low bit positions to produce (1 to 64). */
  readonly planes: number
  /** Produce b = x_{q+2}, so that a + b = x (for the sign bit and bit decomposition). */
  readonly sum: boolean
  /** Produce b' = −x_{q+2}, so that x = 0 exactly when a = b' (for equality). */
  readonly negated: boolean
  /** Deal x − minus instead of x, subtracting only where needed (saves two full passes). */
  readonly minus?: ReplicatedShare
  /** Add this public constant to b (so a + b = x + bias); its holders know b in the clear. */
  readonly bias?: bigint
}

/** Bit-sliced boolean shares of the two summands; planes of ⌈n/64⌉ words each. */
export interface Summands {
  readonly wordsPerPlane: number
  readonly a: BooleanShare
  readonly b: BooleanShare | undefined
  readonly bNegated: BooleanShare | undefined
}

/**
 * Turns an arithmetic sharing of x into bit-sliced boolean sharings of two summands with
 * a + b = x (mod 2^64), in one round (see `dealerSegment`). In the run dealt by party q:
 * a = x_q + x_{q+1} is shared as (r, a ⊕ r, 0) with r drawn from the PRF that q shares with q+2
 * (k_q), so only a ⊕ r travels, from q to q+1; b = x_{q+2} is shared as (0, 0, b), held by q+1
 * and q+2 who both know it.
 *
 * Cost: one round; party q sends planes × (its run's words), a third of planes × ⌈n/64⌉ words.
 * @leakage none: the one message is masked by r, which its receiver does not know.
 */
export async function dealSummands(
  session: Session,
  x: ReplicatedShare,
  parameters: DealSummandsParameters,
): Promise<Summands> {
  const { planes } = parameters
  const n = x.first.length
  const w = wordsForBits(n)
  const size = planes * w
  const party = session.partyIndex
  const next = nextParty(party)
  const previous = previousParty(party)
  const a = { first: new BigUint64Array(size), second: new BigUint64Array(size) }
  const b = parameters.sum
    ? { first: new BigUint64Array(size), second: new BigUint64Array(size) }
    : undefined
  const bNegated = parameters.negated
    ? { first: new BigUint64Array(size), second: new BigUint64Array(size) }
    : undefined

  // Run dealt by this party: a = x_i + x_{i+1}, masked by r from k_i (shared with party i−1).
  const [ownStart, ownEnd] = dealerSegment(w, party)
  const ownLength = ownEnd - ownStart
  const ownFirst = component(x, parameters.minus, 'first', ownStart, ownEnd)
  const ownSecond = component(x, parameters.minus, 'second', ownStart, ownEnd)
  const sum = new BigUint64Array(ownFirst.length)
  for (let e = 0; e < sum.length; e++) sum[e] = ownFirst[e]! + ownSecond[e]!
  bitSliceInto(sum, a.second, w, ownStart, planes)
  const mask = session.ownRandom(planes * ownLength)
  const message = new BigUint64Array(planes * ownLength)
  maskRun(mask, a, message, planes, w, ownStart, ownLength)

  // Run dealt by party i+1: this party is q+2 there; it holds r (k_{i+1}) and b = x_{q+2} = x_i.
  const [nextStart, nextEnd] = dealerSegment(w, next)
  const nextLength = nextEnd - nextStart
  const theirMask = session.nextRandom(planes * nextLength)
  for (let k = 0; k < planes; k++)
    a.second.set(theirMask.subarray(k * nextLength, (k + 1) * nextLength), k * w + nextStart)
  const nextFirst = component(x, parameters.minus, 'first', nextStart, nextEnd)
  if (b) bitSliceInto(biased(nextFirst, parameters.bias), b.first, w, nextStart, planes)
  if (bNegated) bitSliceInto(negated(nextFirst), bNegated.first, w, nextStart, planes)

  // Run dealt by party i−1: this party is q+1 there; it receives a ⊕ r and holds b = x_{i+1}.
  const [previousStart, previousEnd] = dealerSegment(w, previous)
  const previousSecond = component(x, parameters.minus, 'second', previousStart, previousEnd)
  if (b) bitSliceInto(biased(previousSecond, parameters.bias), b.second, w, previousStart, planes)
  if (bNegated) bitSliceInto(negated(previousSecond), bNegated.second, w, previousStart, planes)
  const previousLength = previousEnd - previousStart
  const step = session.nextStep()
  const [, received] = await Promise.all([
    sendVector(session, next, step, message),
    receiveVector(session, previous, step, planes * previousLength),
  ])
  for (let k = 0; k < planes; k++)
    a.first.set(
      received.subarray(k * previousLength, (k + 1) * previousLength),
      k * w + previousStart,
    )
  return { wordsPerPlane: w, a, b, bNegated }
}

/**
 * The elements of words [start, end) of one component of x (a view), or of x − minus (a fresh
 * vector).
 */
function component(
  x: ReplicatedShare,
  minus: ReplicatedShare | undefined,
  which: 'first' | 'second',
  start: number,
  end: number,
): BigUint64Array {
  const n = x.first.length
  const [from, to] = [Math.min(n, start * 64), Math.min(n, end * 64)]
  const values = x[which].subarray(from, to)
  if (minus === undefined) return values
  assertSameLength(x[which], minus[which], 'operands')
  const subtrahend = minus[which].subarray(from, to)
  const out = new BigUint64Array(values.length)
  for (let e = 0; e < out.length; e++) out[e] = values[e]! - subtrahend[e]!
  return out
}

/**
 * For each plane k and word j of the run: a.first = r, a.second ^= r, and the message gets the
 * masked word. On 32-bit halves (no BigInt on the way).
 */
function maskRun(
  mask: BigUint64Array,
  a: BooleanShare,
  message: BigUint64Array,
  planes: number,
  wordsPerPlane: number,
  start: number,
  length: number,
): void {
  const [r, first, second, out] = [mask, a.first, a.second, message].map(halvesOf) as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ]
  for (let k = 0; k < planes; k++) {
    const base = 2 * (k * wordsPerPlane + start)
    const from = 2 * k * length
    for (let j = 0; j < 2 * length; j++) {
      const masked = second[base + j]! ^ r[from + j]!
      first[base + j] = r[from + j]!
      second[base + j] = masked
      out[from + j] = masked
    }
  }
}

function biased(values: BigUint64Array, bias: bigint | undefined): BigUint64Array {
  if (bias === undefined) return values
  const out = new BigUint64Array(values.length)
  for (let e = 0; e < values.length; e++) out[e] = values[e]! + bias
  return out
}

function negated(values: BigUint64Array): BigUint64Array {
  const out = new BigUint64Array(values.length)
  for (let e = 0; e < values.length; e++) out[e] = -values[e]!
  return out
}
