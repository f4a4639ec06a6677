import { type BooleanShare, halvesOf } from '../../boolean/index.ts'
import { assertSameLength } from '../../ring/index.ts'
import type { Session } from '../../session/index.ts'
import { nextParty, previousParty } from '../../sharing/index.ts'
import { receiveVector, sendVector } from '../vectorMessages.ts'

/**
 * z[offset + i] ^= x0·(y0 ⊕ y1) ⊕ x1·y0 ⊕ mask[offset + i], on 32-bit halves: V8 keeps Int32
 * arithmetic unboxed, while BigInt bitwise code can allocate.
 */
function andInto(
  x0: Int32Array,
  x1: Int32Array,
  y0: Int32Array,
  y1: Int32Array,
  z: Int32Array,
  mask: Int32Array,
  offset: number,
): void {
  for (let i = 0; i < x0.length; i++) {
    const j = offset + i
    z[j] = (x0[i]! & (y0[i]! ^ y1[i]!)) ^ (x1[i]! & y0[i]!) ^ z[j]! ^ mask[j]!
  }
}

/**
 * z[offset + i] ^= w0[i], folding a shared value into the AND before it is sent: the peer's copy
 * of w's next component arrives folded into its message.
 */
function xorFirstInto(w0: Int32Array, z: Int32Array, offset: number): void {
  for (let i = 0; i < w0.length; i++) z[offset + i] = z[offset + i]! ^ w0[i]!
}

/**
 * An AND gate on two boolean shares, word by word; with a third share w, the gate computes
 * (x AND y) ⊕ w at no extra cost (the XOR rides in the same message).
 */
export type AndGate =
  | readonly [BooleanShare, BooleanShare]
  | readonly [BooleanShare, BooleanShare, BooleanShare]

/**
 * One layer of AND gates in one round and one message: the gates' words are laid end to end and
 * go out together. For each word, party i computes its 3-out-of-3 share
 * z_i = x_i·y_i ⊕ x_i·y_{i+1} ⊕ x_{i+1}·y_i ⊕ α_i, with α_i = PRF(k_i) ⊕ PRF(k_{i+1}) a fresh XOR
 * sharing of zero, sends z_i to party i−1 and receives z_{i+1} from party i+1 (Araki et al. 2016,
 * boolean case). Returns each gate's result, as views into the layer's two buffers.
 *
 * Cost: one word sent per party per word of output, one round.
 */
export async function andLayer(
  session: Session,
  gates: readonly AndGate[],
): Promise<BooleanShare[]> {
  let total = 0
  for (const [x, y, w] of gates) {
    assertSameLength(x.first, y.first, 'AND operands')
    if (w !== undefined) assertSameLength(x.first, w.first, 'AND operand and XOR term')
    assertSameLength(x.first, x.second, 'share components')
    assertSameLength(y.first, y.second, 'share components')
    total += x.first.length
  }
  const step = session.nextStep()
  const z = session.ownRandom(total)
  const mask = session.nextRandom(total)
  const z32 = halvesOf(z)
  const mask32 = halvesOf(mask)
  let offset = 0
  for (const [x, y, w] of gates) {
    if (w !== undefined) xorFirstInto(halvesOf(w.first), z32, 2 * offset)
    andInto(
      halvesOf(x.first),
      halvesOf(x.second),
      halvesOf(y.first),
      halvesOf(y.second),
      z32,
      mask32,
      2 * offset,
    )
    offset += x.first.length
  }
  const party = session.partyIndex
  const [, fromNext] = await Promise.all([
    sendVector(session, previousParty(party), step, z),
    receiveVector(session, nextParty(party), step, total),
  ])
  const results: BooleanShare[] = []
  offset = 0
  for (const [x] of gates) {
    const end = offset + x.first.length
    results.push({ first: z.subarray(offset, end), second: fromNext.subarray(offset, end) })
    offset = end
  }
  return results
}
