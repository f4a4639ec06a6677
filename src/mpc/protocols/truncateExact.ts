import { TriadError } from '../../errors/index.ts'
import { type BooleanShare, bitSliceInto, wordsForBits, xorBits } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { bitToArithmetic } from './bitToArithmetic.ts'
import { signBitCircuit } from './circuits/carryCircuits.ts'
import { type Circuit, parallel, runCircuit } from './circuits/circuit.ts'
import { dealerSegment } from './circuits/dealerSegments.ts'
import { planeOf } from './circuits/planes.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

export interface TruncateExactParameters {
  /** Divide by 2^shift, 0 ≤ shift ≤ bound. */
  readonly shift: number
  /** Every element lies in [−2^bound, 2^bound); bound + 2 ≤ 63. */
  readonly bound: number
}

/**
 * ⌊x / 2^shift⌋ exactly (rounded towards −∞), for signed x known to lie in [−2^ℓ, 2^ℓ), ℓ the
 * `bound`. Unlike probabilistic truncation (`truncate`, `divideByPublic`), which is off by about
 * 2^(64−shift) with probability |x|/2^64 per element, this never fails, so it is safe on long
 * vectors of large values (a column of a million rows).
 *
 * How. Add 2^ℓ so that y = x + 2^ℓ lies in [0, 2^(ℓ+1)). Party q knows a = y_q + y_(q+1) and the
 * other two know b = y_(q+2); a + b = y + 2^64·w as integers. Then
 * ⌊y/2^s⌋ = ⌊a/2^s⌋ + ⌊b/2^s⌋ + c_s − 2^(64−s)·w, with c_s the carry into bit s of a + b. Since
 * y < 2^(ℓ+1), w = 1 exactly when a > y, that is when a ≥ 2^(ℓ+1) (a flag A that party q knows) or
 * when the low ℓ+1 bits of a + b carry out. So in one round party q deals ⌊a/2^s⌋ arithmetically,
 * and the low ℓ+2 bits of a and the flag A as boolean shares; ⌊b/2^s⌋ and the bits of b need no
 * message. Two carry circuits (widths s+1 and ℓ+2, side by side) give c_s and the carry out, one
 * AND gives w = A ∨ carry, and bit injection turns c_s and w into ring elements.
 *
 * Cost: 3 + ⌈log2(ℓ+1)⌉ rounds; per element and party about (ℓ+3)/3 + 3(ℓ+1) + 3s + 1 bits,
 * 8/3 bytes for the arithmetic deal and 2 × 10.7 bytes for the injections: ≈ 47 bytes for ℓ = 41,
 * s = 15.
 *
 * @leakage none: the one dealt message is masked by PRF output its receiver does not hold, and the
 * rest are AND layers and injections.
 * @example
 * const coarse = await truncateExact(session, centered, { shift: 14, bound: 41 })
 */
export async function truncateExact(
  session: Session,
  x: ReplicatedShare,
  { shift, bound }: TruncateExactParameters,
): Promise<ReplicatedShare> {
  if (
    !Number.isInteger(shift) ||
    !Number.isInteger(bound) ||
    shift < 0 ||
    shift > bound ||
    bound + 2 > 63
  )
    throw new TriadError(
      'TRIAD_ERR_VALUE_OUT_OF_RANGE',
      'Exact truncation needs 0 ≤ shift ≤ bound ≤ 61',
      {
        details: `shift ${shift}, bound ${bound}`,
      },
    )
  const n = x.first.length
  if (shift === 0 || n === 0) return { first: x.first.slice(), second: x.second.slice() }
  const party = session.partyIndex
  const offset = 1n << BigInt(bound)
  const y = {
    first: party === 0 ? addConstant(x.first, offset) : x.first,
    second: party === 2 ? addConstant(x.second, offset) : x.second,
  }
  const planes = bound + 2
  const dealt = await deal(session, y, planes, bound, shift)
  const w = dealt.wordsPerPlane
  const copy = (share: BooleanShare): BooleanShare => ({
    first: share.first.slice(),
    second: share.second.slice(),
  })
  const aPlanes = {
    first: dealt.a.first.subarray(0, planes * w),
    second: dealt.a.second.subarray(0, planes * w),
  }
  const [signLow, signHigh] = await runCircuit(
    session,
    parallel([
      signBitCircuit(copy(aPlanes), copy(dealt.b), w, shift + 1),
      signBitCircuit(copy(aPlanes), copy(dealt.b), w, planes),
    ]),
  )
  const propagate = (k: number) => xorBits(planeOf(dealt.a, w, k), planeOf(dealt.b, w, k))
  const carryLow = xorBits(signLow!, propagate(shift))
  const carryOut = xorBits(signHigh!, propagate(planes - 1))
  const flag = planeOf(dealt.a, w, planes)
  const both = await runCircuit(session, andGate(flag, carryOut))
  const wrap = xorBits(xorBits(flag, carryOut), both)
  const bits = {
    first: new BigUint64Array(2 * w),
    second: new BigUint64Array(2 * w),
  }
  bits.first.set(carryLow.first, 0)
  bits.second.set(carryLow.second, 0)
  bits.first.set(wrap.first, w)
  bits.second.set(wrap.second, w)
  const injected = await bitToArithmetic(session, bits, 2 * w * 64)
  const high = 1n << BigInt(64 - shift)
  const removed = 1n << BigInt(bound - shift)
  const out = { first: new BigUint64Array(n), second: new BigUint64Array(n) }
  for (const side of ['first', 'second'] as const) {
    const base = dealt.quotient[side]
    const inj = injected[side]
    const target = out[side]
    for (let i = 0; i < n; i++) target[i] = base[i]! + inj[i]! - high * inj[64 * w + i]!
  }
  if (party === 0) for (let i = 0; i < n; i++) out.first[i] = out.first[i]! - removed
  if (party === 2) for (let i = 0; i < n; i++) out.second[i] = out.second[i]! - removed
  return out
}

function* andGate(x: BooleanShare, y: BooleanShare): Circuit<BooleanShare> {
  const [z] = yield [[x, y]]
  return z!
}

function addConstant(values: BigUint64Array, constant: bigint): BigUint64Array {
  const out = new BigUint64Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[i]! + constant
  return out
}

interface Dealt {
  readonly wordsPerPlane: number
  /** Planes 0..planes−1 of a, then the flag plane [a ≥ 2^(ℓ+1)]. */
  readonly a: BooleanShare
  /** Planes 0..planes−1 of b. */
  readonly b: BooleanShare
  /** A replicated sharing of ⌊a/2^s⌋ + ⌊b/2^s⌋. */
  readonly quotient: ReplicatedShare
}

/**
 * The deal of `truncateExact`, run by run as in `dealSummands`: party q sends party q+1, for its
 * run, the masked bit planes of a, the masked flag plane and ⌊a/2^s⌋ − r'.
 */
async function deal(
  session: Session,
  y: ReplicatedShare,
  planes: number,
  bound: number,
  shift: number,
): Promise<Dealt> {
  const n = y.first.length
  const w = wordsForBits(n)
  const party = session.partyIndex
  const next = nextParty(party)
  const previous = previousParty(party)
  const aPlaneCount = planes + 1
  const a = {
    first: new BigUint64Array(aPlaneCount * w),
    second: new BigUint64Array(aPlaneCount * w),
  }
  const b = { first: new BigUint64Array(planes * w), second: new BigUint64Array(planes * w) }
  const quotient = { first: new BigUint64Array(n), second: new BigUint64Array(n) }
  const top = BigInt(bound + 1)
  const s = BigInt(shift)
  const elements = ([start, end]: readonly [number, number]) =>
    [Math.min(n, start * 64), Math.min(n, end * 64)] as const

  // Own run: a = y_i + y_(i+1), its planes and flag masked by r from k_i, ⌊a/2^s⌋ − r'.
  const own = dealerSegment(w, party)
  const [ownFrom, ownTo] = elements(own)
  const ownWords = own[1] - own[0]
  const sum = new BigUint64Array(ownTo - ownFrom)
  const flags = new BigUint64Array(ownTo - ownFrom)
  for (let e = 0; e < sum.length; e++) {
    sum[e] = y.first[ownFrom + e]! + y.second[ownFrom + e]!
    flags[e] = sum[e]! >> top === 0n ? 0n : 1n
  }
  bitSliceInto(sum, a.second, w, own[0], planes)
  bitSliceInto(flags, a.second.subarray(planes * w), w, own[0], 1)
  const mask = session.ownRandom(aPlaneCount * ownWords)
  const arithmeticMask = session.ownRandom(sum.length)
  const message = new BigUint64Array(aPlaneCount * ownWords + sum.length)
  for (let k = 0; k < aPlaneCount; k++)
    for (let j = 0; j < ownWords; j++) {
      const at = k * w + own[0] + j
      const r = mask[k * ownWords + j]!
      a.first[at] = r
      const masked = a.second[at]! ^ r
      a.second[at] = masked
      message[k * ownWords + j] = masked
    }
  for (let e = 0; e < sum.length; e++) {
    const r = arithmeticMask[e]!
    quotient.first[ownFrom + e] = r
    const masked = (sum[e]! >> s) - r
    quotient.second[ownFrom + e] = masked
    message[aPlaneCount * ownWords + e] = masked
  }

  // Run dealt by party i+1: this party is q+2; it holds r, r' (k_(i+1)) and b = y_i.
  const theirs = dealerSegment(w, next)
  const [nextFrom, nextTo] = elements(theirs)
  const nextWords = theirs[1] - theirs[0]
  const theirMask = session.nextRandom(aPlaneCount * nextWords)
  const theirArithmeticMask = session.nextRandom(nextTo - nextFrom)
  for (let k = 0; k < aPlaneCount; k++)
    a.second.set(theirMask.subarray(k * nextWords, (k + 1) * nextWords), k * w + theirs[0])
  const bOfNext = y.first.subarray(nextFrom, nextTo)
  bitSliceInto(bOfNext, b.first, w, theirs[0], planes)
  for (let e = 0; e < bOfNext.length; e++) {
    quotient.first[nextFrom + e] = bOfNext[e]! >> s
    quotient.second[nextFrom + e] = theirArithmeticMask[e]!
  }

  // Run dealt by party i−1: this party is q+1; it receives the masked values, b = y_(i+1).
  const prior = dealerSegment(w, previous)
  const [priorFrom, priorTo] = elements(prior)
  const priorWords = prior[1] - prior[0]
  const bOfPrevious = y.second.subarray(priorFrom, priorTo)
  bitSliceInto(bOfPrevious, b.second, w, prior[0], planes)
  const step = session.nextStep()
  const [, received] = await Promise.all([
    sendVector(session, next, step, message),
    receiveVector(session, previous, step, aPlaneCount * priorWords + (priorTo - priorFrom)),
  ])
  for (let k = 0; k < aPlaneCount; k++)
    a.first.set(received.subarray(k * priorWords, (k + 1) * priorWords), k * w + prior[0])
  for (let e = 0; e < priorTo - priorFrom; e++) {
    quotient.first[priorFrom + e] = received[aPlaneCount * priorWords + e]!
    quotient.second[priorFrom + e] = bOfPrevious[e]! >> s
  }
  return { wordsPerPlane: w, a, b, quotient }
}
