import { type BooleanShare, xorBits } from '../../boolean/index.ts'
import type { AndGate } from './andLayer.ts'
import type { Circuit } from './circuit.ts'
import { planeOf, planeRange } from './planes.ts'

/**
 * Carry circuits on bit-sliced boolean shares of two summands a and b (plane k = bit k of every
 * element). With generate g_k = a_k·b_k and propagate p_k = a_k ⊕ b_k, the carry into bit k is
 * the generate of the group [0, k−1] under (G, P)∘(G', P') = (G ⊕ P·G', P·P') (the high group on
 * the left). Groups that start at bit 0 never need their P, which saves one AND per such group.
 */

interface Group {
  readonly g: BooleanShare
  /** Absent for groups that start at bit 0. */
  readonly p: BooleanShare | undefined
}

/** Zeroed room for `count` planes; one allocation for a whole layer. */
function newPlanes(count: number, wordsPerPlane: number): BooleanShare {
  return {
    first: new BigUint64Array(count * wordsPerPlane),
    second: new BigUint64Array(count * wordsPerPlane),
  }
}

/** The propagates of planes [0, width), and one layer: the generates of planes [0, count). */
function* generateAndPropagate(
  a: BooleanShare,
  b: BooleanShare,
  wordsPerPlane: number,
  width: number,
  count: number,
): Circuit<{ g: BooleanShare; p: BooleanShare }> {
  const p = xorBits(planeRange(a, wordsPerPlane, 0, width), planeRange(b, wordsPerPlane, 0, width))
  const [g] = yield [
    [planeRange(a, wordsPerPlane, 0, count), planeRange(b, wordsPerPlane, 0, count)],
  ]
  return { g: g!, p }
}

/**
 * Bit `width − 1` of (a + b) mod 2^width, the sign bit when a + b is read as a `width`-bit two's
 * complement number. Overwrites a (its buffers must be the caller's own, never sent). Generate/propagate of bits 0..width−2 in one layer, then a binary tree over
 * them to the carry into bit width−1: ⌈log2(width − 1)⌉ layers.
 * ANDs per element: (width − 1) + about 2·(width − 1); 181 in all for width 64.
 */
export function* signBitCircuit(
  a: BooleanShare,
  b: BooleanShare,
  wordsPerPlane: number,
  width: number,
): Circuit<BooleanShare> {
  const w = wordsPerPlane
  const { g, p } = yield* generateAndPropagate(a, b, w, width, width - 1)
  let groups: Group[] = []
  for (let k = 0; k < width - 1; k++)
    groups.push({ g: planeOf(g, w, k), p: k === 0 ? undefined : planeOf(p, w, k) })
  while (groups.length > 1) {
    const gates: AndGate[] = []
    const pairs = Math.floor(groups.length / 2)
    for (let m = 0; m < pairs; m++) {
      const low = groups[2 * m]!
      const high = groups[2 * m + 1]!
      gates.push([high.p!, low.g, high.g])
      if (low.p) gates.push([high.p!, low.p])
    }
    const out = yield gates
    const merged: Group[] = []
    let o = 0
    for (let m = 0; m < pairs; m++) {
      const low = groups[2 * m]!
      const g = out[o++]!
      merged.push({ g, p: low.p ? out[o++]! : undefined })
    }
    if (groups.length % 2 === 1) merged.push(groups[groups.length - 1]!)
    groups = merged
  }
  const top = planeOf(p, w, width - 1)
  return groups.length === 0 ? top : xorBits(top, groups[0]!.g)
}

/** The group generate and propagate of bits [0, width−2], and the propagate of bit width−1. */
export interface CarryParts {
  readonly g: BooleanShare
  readonly p: BooleanShare
  readonly top: BooleanShare
}

/**
 * Like `signBitCircuit`, but keeps the propagate of the whole group [0, width−2] too, so that a
 * carry-in bit c can be added afterwards: the sign of a + b + c is top ⊕ g ⊕ p·c (one more AND).
 * ANDs per element: (width − 1) + 2·(width − 2); 187 for width 64. Overwrites a.
 */
export function* carryPartsCircuit(
  a: BooleanShare,
  b: BooleanShare,
  wordsPerPlane: number,
  width: number,
): Circuit<CarryParts> {
  const w = wordsPerPlane
  const { g, p } = yield* generateAndPropagate(a, b, w, width, width - 1)
  let groups: { g: BooleanShare; p: BooleanShare }[] = []
  for (let k = 0; k < width - 1; k++) groups.push({ g: planeOf(g, w, k), p: planeOf(p, w, k) })
  while (groups.length > 1) {
    const gates: AndGate[] = []
    const pairs = Math.floor(groups.length / 2)
    for (let m = 0; m < pairs; m++) {
      const low = groups[2 * m]!
      const high = groups[2 * m + 1]!
      gates.push([high.p, low.g, high.g], [high.p, low.p])
    }
    const out = yield gates
    const merged: { g: BooleanShare; p: BooleanShare }[] = []
    for (let m = 0; m < pairs; m++) merged.push({ g: out[2 * m]!, p: out[2 * m + 1]! })
    if (groups.length % 2 === 1) merged.push(groups[groups.length - 1]!)
    groups = merged
  }
  return { g: groups[0]!.g, p: groups[0]!.p, top: planeOf(p, w, width - 1) }
}

/**
 * All bits of (a + b) mod 2^64 as 64 planes (one share of 64·w words); overwrites a: s_0 = p_0 and
 * s_k = p_k ⊕ carry_k, the carries from a Sklansky parallel prefix over bits 0..62.
 * Layers: 1 + 6. ANDs per element: 63 + about 300.
 */
export function* sumBitsCircuit(
  a: BooleanShare,
  b: BooleanShare,
  wordsPerPlane: number,
): Circuit<BooleanShare> {
  const w = wordsPerPlane
  const width = 64
  const { g, p } = yield* generateAndPropagate(a, b, w, width, width - 1)
  // prefix[k]: the group [start_k, k]; after the last layer every start is 0.
  let prefix: Group[] = []
  for (let k = 0; k < width - 1; k++)
    prefix.push({ g: planeOf(g, w, k), p: k === 0 ? undefined : planeOf(p, w, k) })
  for (let span = 1; span < width - 1; span *= 2) {
    const gates: AndGate[] = []
    const updates: { k: number; keepP: boolean }[] = []
    for (let k = 0; k < width - 1; k++) {
      if ((k & span) === 0) continue
      const low = prefix[(k & ~(2 * span - 1)) + span - 1]!
      const high = prefix[k]!
      gates.push([high.p!, low.g, high.g])
      const keepP = low.p !== undefined
      if (keepP) gates.push([high.p!, low.p!])
      updates.push({ k, keepP })
    }
    const out = yield gates
    const next = prefix.slice()
    let o = 0
    for (const { k, keepP } of updates) {
      const g = out[o++]!
      next[k] = { g, p: keepP ? out[o++]! : undefined }
    }
    prefix = next
  }
  const bits = newPlanes(width, w)
  bits.first.set(planeOf(p, w, 0).first, 0)
  bits.second.set(planeOf(p, w, 0).second, 0)
  for (let k = 1; k < width; k++) xorBits(planeOf(p, w, k), prefix[k - 1]!.g, planeOf(bits, w, k))
  return bits
}

/**
 * The AND of `count` planes, by a binary tree: ⌈log2 count⌉ layers, count − 1 ANDs per element.
 */
export function* andOfPlanesCircuit(
  planes: BooleanShare,
  wordsPerPlane: number,
  count: number,
): Circuit<BooleanShare> {
  let level: BooleanShare[] = []
  for (let k = 0; k < count; k++) level.push(planeOf(planes, wordsPerPlane, k))
  while (level.length > 1) {
    const pairs = Math.floor(level.length / 2)
    const gates: AndGate[] = []
    for (let m = 0; m < pairs; m++) gates.push([level[2 * m]!, level[2 * m + 1]!])
    const out = yield gates
    if (level.length % 2 === 1) out.push(level[level.length - 1]!)
    level = out
  }
  return level[0]!
}
