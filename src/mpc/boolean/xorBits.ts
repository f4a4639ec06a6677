import { assertSameLength } from '../ring/index.ts'
import type { BooleanShare } from './BooleanShare.ts'
import { halvesOf } from './bitLayout.ts'

/**
 * x ⊕ y on boolean shares, word by word. Local, no communication. Writes into `out` when given
 * (which may be x or y, but never a vector that was sent and may still be on its way).
 *
 * @leakage none
 * @example
 * const parity = xorBits(x, y)
 */
export function xorBits(x: BooleanShare, y: BooleanShare, out?: BooleanShare): BooleanShare {
  assertSameLength(x.first, y.first, 'bit vectors')
  const length = x.first.length
  if (out !== undefined) assertSameLength(x.first, out.first, 'input and output bit vectors')
  const first = out?.first ?? new BigUint64Array(length)
  const second = out?.second ?? new BigUint64Array(length)
  xorInto(halvesOf(x.first), halvesOf(y.first), halvesOf(first))
  xorInto(halvesOf(x.second), halvesOf(y.second), halvesOf(second))
  return { first, second }
}

/** out = a ⊕ b on 32-bit halves (V8 keeps these unboxed; BigInt bitwise code can allocate). */
function xorInto(a: Int32Array, b: Int32Array, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ b[i]!
}
