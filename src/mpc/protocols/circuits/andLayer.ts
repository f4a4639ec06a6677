import type { BooleanShare } from '../../boolean/index.ts'
import { assertSameLength } from '../../ring/index.ts'
import type { Session } from '../../session/index.ts'
import { nextParty, previousParty } from '../../sharing/index.ts'
import { receiveVector, sendVector } from '../vectorMessages.ts'

/** Two boolean shares to AND, word by word. */
export type AndGate = readonly [BooleanShare, BooleanShare]

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
  for (const [x, y] of gates) {
    assertSameLength(x.first, y.first, 'AND operands')
    assertSameLength(x.first, x.second, 'share components')
    assertSameLength(y.first, y.second, 'share components')
    total += x.first.length
  }
  const step = session.nextStep()
  const z = session.ownRandom(total)
  const mask = session.nextRandom(total)
  let offset = 0
  for (const [x, y] of gates) {
    const [x0, x1, y0, y1] = [x.first, x.second, y.first, y.second]
    const length = x0.length
    for (let i = 0; i < length; i++) {
      const j = offset + i
      z[j] = (x0[i]! & (y0[i]! ^ y1[i]!)) ^ (x1[i]! & y0[i]!) ^ z[j]! ^ mask[j]!
    }
    offset += length
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
