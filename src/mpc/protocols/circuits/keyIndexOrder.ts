import { type BooleanShare, notBits, xorBits } from '../../boolean/index.ts'
import type { Session } from '../../session/index.ts'
import type { ReplicatedShare } from '../../sharing/index.ts'
import { andOfPlanesCircuit, signBitCircuit } from './carryCircuits.ts'
import { type Circuit, parallel, runCircuit } from './circuit.ts'
import { dealSummands, type Summands } from './dealSummands.ts'

/**
 * The strict total order that sorting and selection open comparisons under: rows compare by key,
 * and equal keys by a hidden row index, so no two rows are ever equal and an opened outcome says
 * nothing about ties.
 */

/**
 * (key, index) < (key', index') from the differences d = key − key' and e = index − index':
 * sign(d) ⊕ (d = 0 ∧ sign(e)), the three circuits side by side, then one AND. With `keyWidth` w
 * the key difference is read as a w-bit number: exact when every key difference lies in
 * [−2^(w−1), 2^(w−1)), e.g. for keys in [lo, hi] with hi − lo < 2^(w−1).
 *
 * Cost: 1 + max(⌈log2(w−1)⌉, ⌈log2 w⌉, ⌈log2(indexWidth−1)⌉) + 1 rounds; per comparison and party
 * about (w/3 + 3w + w) + (indexWidth/3 + 3·indexWidth) bits sent.
 */
export async function lessByKeyThenIndex(
  session: Session,
  keyDifference: ReplicatedShare,
  indexDifference: ReplicatedShare,
  indexWidth: number,
  keyWidth = 64,
): Promise<BooleanShare> {
  // Each deal takes its step and draws its randomness before its first await, so the two run
  // side by side in one round without disturbing the order of steps.
  const [keys, indices] = await Promise.all([
    dealSummands(session, keyDifference, { planes: keyWidth, sum: true, negated: true }),
    dealSummands(session, indexDifference, { planes: indexWidth, sum: true, negated: false }),
  ])
  return runCircuit(
    session,
    compositeCircuit(keys, indices, keyWidth, indexWidth, session.partyIndex),
  )
}

function* compositeCircuit(
  keys: Summands,
  indices: Summands,
  keyWidth: number,
  indexWidth: number,
  party: Session['partyIndex'],
): Circuit<BooleanShare> {
  const sameBits = notBits(xorBits(keys.a, keys.bNegated!), party)
  const [below, same, indexBelow] = yield* parallel([
    signBitCircuit(keys.a, keys.b!, keys.wordsPerPlane, keyWidth),
    andOfPlanesCircuit(sameBits, keys.wordsPerPlane, keyWidth),
    signBitCircuit(indices.a, indices.b!, indices.wordsPerPlane, indexWidth),
  ])
  const [tie] = yield [[same!, indexBelow!]]
  return xorBits(below!, tie!)
}

/** The width of a hidden row index of n rows, as a signed difference. */
export function indexWidthFor(n: number): number {
  return Math.max(2, Math.ceil(Math.log2(Math.max(n, 2))) + 1)
}

/** column[x] − column[p], element-wise over the position lists. Local. */
export function difference(
  column: ReplicatedShare,
  x: Uint32Array,
  p: Uint32Array,
): ReplicatedShare {
  const first = new BigUint64Array(x.length)
  const second = new BigUint64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    first[i] = column.first[x[i]!]! - column.first[p[i]!]!
    second[i] = column.second[x[i]!]! - column.second[p[i]!]!
  }
  return { first, second }
}

/** The rows of `column` at `positions`, in that order. Local. */
export function gather(column: ReplicatedShare, positions: Uint32Array): ReplicatedShare {
  const first = new BigUint64Array(positions.length)
  const second = new BigUint64Array(positions.length)
  for (let i = 0; i < positions.length; i++) {
    first[i] = column.first[positions[i]!]!
    second[i] = column.second[positions[i]!]!
  }
  return { first, second }
}

/** A sharing of the public vector 0, 1, …, n−1 with no randomness: component x_0 holds it. */
export function publicIndex(party: Session['partyIndex'], n: number): ReplicatedShare {
  const values = new BigUint64Array(n)
  for (let i = 0; i < n; i++) values[i] = BigInt(i)
  const zeros = new BigUint64Array(n)
  if (party === 0) return { first: values, second: zeros }
  if (party === 2) return { first: zeros, second: values }
  return { first: zeros, second: zeros.slice() }
}

/** key · 2^shift + index, element-wise. Local. */
export function combine(
  key: ReplicatedShare,
  index: ReplicatedShare,
  shift: number,
): ReplicatedShare {
  const factor = 1n << BigInt(shift)
  const first = new BigUint64Array(key.first.length)
  const second = new BigUint64Array(key.first.length)
  for (let i = 0; i < first.length; i++) {
    first[i] = key.first[i]! * factor + index.first[i]!
    second[i] = key.second[i]! * factor + index.second[i]!
  }
  return { first, second }
}
