import { TriadError } from '../../errors/index.ts'
import { ringDivideSub, ringSumDivideNegated } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import {
  nextParty,
  type PartyIndex,
  previousParty,
  type ReplicatedShare,
} from '../sharing/index.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Turns a 3-out-of-3 additive sharing of x into a replicated sharing of x / d, rounded
 * stochastically to ⌊x/d⌋ or ⌈x/d⌉, in one round: probabilistic truncation (d = 2^f) fused into
 * the resharing, as after a fixed-point multiplication or dot product. The z_i must be masked by a
 * fresh zero sharing (`session.zeroShares`).
 *
 * How. The three roles P, Q, R (= parties t, t+1, t+2) split x into two additive parts as in
 * SecureML's two-party truncation (Mohassel & Zhang 2017, as ABY3 uses it in 3PC): A = z_P, known to
 * P alone and uniform because of the mask, and B = z_Q + z_R, which Q and R learn by sending each
 * other their z. P divides A with `ringDivide`, Q and R divide B with `ringDivideNegated`, and the
 * result is shared as c_R = B', c_Q = r, c_P = A' − r, with r from the PRF that P and Q share
 * (k_Q). P sends c_P to R in the same round. To balance the load, the vector is cut in thirds and
 * third t is run with P = party t, so every party sends one element per element overall.
 *
 * Error and failure. If A − x does not wrap mod 2^64, the result is ⌊x/d⌋ + [A mod d < x mod d]:
 * within 1 of x/d, and equal to x/d in expectation (stochastic rounding; exact when d divides x).
 * It wraps, and the result is off by about 2^64/d, with probability |x| / 2^64 exactly, x read as
 * a signed integer: for |x| < 2^ℓ the failure probability is below 2^(ℓ−64) per element.
 *
 * Cost: one ring element sent per party per element, one round; 8 bytes of PRF output per element
 * at the two parties that share r.
 * @leakage none: each received element is masked by an output of a PRF the receiver does not hold
 * (α for z_Q and z_R, r for c_P), and the output sharing is fresh.
 * @example
 * const z = session.zeroShares(n) // plus this party's local products, in fixed point
 * const product = await reshareDivided(session, z, 1n << 16n)
 */
export async function reshareDivided(
  session: Session,
  z: BigUint64Array,
  divisor: bigint,
): Promise<ReplicatedShare> {
  if (divisor < 1n || divisor >= 1n << 64n)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A divisor must be in [1, 2^64)', {
      details: `divisor ${divisor}`,
    })
  const n = z.length
  const party = session.partyIndex
  const next = nextParty(party)
  const previous = previousParty(party)
  // This party is P in its own third, Q in the previous party's third, R in the next party's.
  const asP = third(n, party)
  const asQ = third(n, previous)
  const asR = third(n, next)
  const step = session.nextStep()
  const first = new BigUint64Array(n)
  const second = new BigUint64Array(n)

  // As P: c_P = ⌊z_P / d⌋ − r and c_Q = r, with r shared with Q (this party's next key).
  const r = session.nextRandom(asP.end - asP.start)
  const cP = first.subarray(asP.start, asP.end)
  ringDivideSub(z.subarray(asP.start, asP.end), divisor, r, cP)
  second.set(r, asP.start)
  // As Q: c_Q = r, drawn from this party's own key, which P holds as its next key.
  first.set(session.ownRandom(asQ.end - asQ.start), asQ.start)

  const zAsQ = z.subarray(asQ.start, asQ.end)
  const zAsR = z.subarray(asR.start, asR.end)
  const [, , fromNext, fromPrevious] = await Promise.all([
    // To party i−1, which is R where this party is P, and Q where this party is R.
    sendVector(session, previous, step, [cP, zAsR]),
    // To party i+1, which is R where this party is Q.
    sendVector(session, next, step, zAsQ),
    // From party i+1: its c_P (it is P where this party is R) and its z_R (this party is Q).
    receiveVector(session, next, step, asR.end - asR.start + (asQ.end - asQ.start)),
    // From party i−1: its z_Q (it is Q where this party is R).
    receiveVector(session, previous, step, asR.end - asR.start),
  ])
  const lengthR = asR.end - asR.start
  // As Q: c_R = B' with B = z_Q + z_R, this party's z_Q and the z_R from party i+1.
  ringSumDivideNegated(
    zAsQ,
    fromNext.subarray(lengthR),
    divisor,
    second.subarray(asQ.start, asQ.end),
  )
  // As R: c_R = B' from this party's z_R and the z_Q from party i−1; c_P from party i+1.
  ringSumDivideNegated(zAsR, fromPrevious, divisor, first.subarray(asR.start, asR.end))
  second.set(fromNext.subarray(0, lengthR), asR.start)
  return { first, second }
}

/** The elements in third `t` of a vector of `n`: run with party t as P. */
function third(n: number, t: PartyIndex): { readonly start: number; readonly end: number } {
  return { start: Math.floor((t * n) / 3), end: Math.floor(((t + 1) * n) / 3) }
}
