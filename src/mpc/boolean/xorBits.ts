import { assertSameLength } from '../ring/index.ts'
import type { BooleanShare } from './BooleanShare.ts'

/**
 * x ⊕ y on boolean shares, word by word. Local, no communication.
 *
 * @leakage none
 * @example
 * const parity = xorBits(x, y)
 */
export function xorBits(x: BooleanShare, y: BooleanShare): BooleanShare {
  assertSameLength(x.first, y.first, 'bit vectors')
  const length = x.first.length
  const first = new BigUint64Array(length)
  const second = new BigUint64Array(length)
  const [x0, x1, y0, y1] = [x.first, x.second, y.first, y.second]
  for (let i = 0; i < length; i++) {
    first[i] = x0[i]! ^ y0[i]!
    second[i] = x1[i]! ^ y1[i]!
  }
  return { first, second }
}
