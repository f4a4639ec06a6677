import { TriadError } from '../../errors/index.ts'
import { halfSwap } from '../boolean/bitLayout.ts'
import { type BooleanShare, halvesOf, wordsForBits } from '../boolean/index.ts'
import { lowWord } from '../ring/layout.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'
import { dealerSegment } from './circuits/dealerSegments.ts'
import { multiply } from './multiply.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Bit injection (boolean to arithmetic): packed secret bits become ring elements 0 or 1.
 * A bit is c_q ⊕ c_{q+1} ⊕ c_{q+2}; party q knows e = c_q ⊕ c_{q+1}, parties q+1 and q+2 know
 * f = c_{q+2}, and the bit is e + f − 2ef. Party q deals e as an arithmetic sharing
 * (r, e − r, 0), with r from the PRF it shares with q+2 (one message, to q+1); f is (0, 0, f) with
 * no message; one multiplication gives ef. Each party deals a third of the bits
 * (`dealerSegment`).
 *
 * Cost: 2 rounds; per bit and party 8/3 + 8 ≈ 10.7 bytes sent.
 *
 * @leakage none
 * @example
 * const ones = await bitToArithmetic(session, bits, n) // 0n or 1n per element, shared
 */
export async function bitToArithmetic(
  session: Session,
  bits: BooleanShare,
  length: number,
): Promise<ReplicatedShare> {
  const w = wordsForBits(length)
  if (bits.first.length !== w || bits.second.length !== w)
    throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'The bits do not fit the length', {
      details: `${bits.first.length} and ${bits.second.length} words for ${length} bits (${w} words)`,
    })
  const party = session.partyIndex
  const next = nextParty(party)
  const previous = previousParty(party)
  const first = halvesOf(bits.first)
  const second = halvesOf(bits.second)
  const bitOf = (halves: Int32Array, j: number) => (halves[(j >>> 5) ^ halfSwap]! >>> (j & 31)) & 1
  const elements = ([start, end]: readonly [number, number]) =>
    [Math.min(length, start * 64), Math.min(length, end * 64)] as const

  const e = { first: new BigUint64Array(length), second: new BigUint64Array(length) }
  const f = { first: new BigUint64Array(length), second: new BigUint64Array(length) }

  // Bits this party deals: e = c_i ⊕ c_{i+1}, shared as (r, e − r, 0) with r from k_i.
  const [ownStart, ownEnd] = elements(dealerSegment(w, party))
  const mask = session.ownRandom(ownEnd - ownStart)
  const message = new BigUint64Array(ownEnd - ownStart)
  const messageHalves = halvesOf(message)
  for (let j = ownStart; j < ownEnd; j++) {
    const r = mask[j - ownStart]!
    e.first[j] = r
    messageHalves[2 * (j - ownStart) + lowWord] = bitOf(first, j) ^ bitOf(second, j)
    const masked = message[j - ownStart]! - r
    message[j - ownStart] = masked
    e.second[j] = masked
  }

  // Bits party i+1 deals: this party is q+2; it holds r (k_{i+1}) and f = c_{q+2} = c_i.
  const [nextStart, nextEnd] = elements(dealerSegment(w, next))
  e.second.set(session.nextRandom(nextEnd - nextStart), nextStart)
  const fFirst = halvesOf(f.first)
  for (let j = nextStart; j < nextEnd; j++) fFirst[2 * j + lowWord] = bitOf(first, j)

  // Bits party i−1 deals: this party is q+1; it receives e − r and holds f = c_{q+2} = c_{i+1}.
  const [previousStart, previousEnd] = elements(dealerSegment(w, previous))
  const fSecond = halvesOf(f.second)
  for (let j = previousStart; j < previousEnd; j++) fSecond[2 * j + lowWord] = bitOf(second, j)

  const step = session.nextStep()
  const [, received] = await Promise.all([
    sendVector(session, next, step, message),
    receiveVector(session, previous, step, previousEnd - previousStart),
  ])
  e.first.set(received, previousStart)

  const ef = await multiply(session, e, f)
  const out = { first: new BigUint64Array(length), second: new BigUint64Array(length) }
  for (let j = 0; j < length; j++) {
    out.first[j] = e.first[j]! + f.first[j]! - 2n * ef.first[j]!
    out.second[j] = e.second[j]! + f.second[j]! - 2n * ef.second[j]!
  }
  return out
}
