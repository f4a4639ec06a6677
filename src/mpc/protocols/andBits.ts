import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import { andLayer } from './circuits/andLayer.ts'

/**
 * x AND y on boolean shares, word by word, in one round: each party sends one word per word to
 * the previous party (Araki et al. 2016). OR is x ⊕ y ⊕ (x AND y).
 *
 * @leakage none: every message is masked by a fresh XOR sharing of zero.
 * @example
 * const both = await andBits(session, x, y)
 */
export async function andBits(
  session: Session,
  x: BooleanShare,
  y: BooleanShare,
): Promise<BooleanShare> {
  const [result] = await andLayer(session, [[x, y]])
  return result!
}
