import { TriadError } from '../../errors/index.ts'
import { highWord, lowWord, wordsOf } from './layout.ts'
import { assertSameLength } from './vector.ts'

/**
 * Division of ring elements, read as unsigned integers in [0, 2^64), by a public positive divisor.
 * A power of two is a shift, done on the 32-bit words of the vector: V8 compiles a BigInt shift to
 * machine code only when the shift amount is a literal, so a shift by a variable amount on
 * `BigUint64Array` elements is ten times slower than the word loop (measured on Node 20: ~4 ms per
 * million elements against ~20 ms). Other divisors use BigInt division (~27 ms per million).
 */

const two64 = 1n << 64n

function checkDivisor(divisor: bigint): void {
  if (divisor < 1n || divisor >= two64)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A divisor must be in [1, 2^64)', {
      details: `divisor ${divisor}`,
    })
}

/** log2(divisor) when it is a power of two, else -1. */
function powerOfTwo(divisor: bigint): number {
  if ((divisor & (divisor - 1n)) !== 0n) return -1
  return divisor.toString(2).length - 1
}

/**
 * ⌊a / divisor⌋ element-wise, with a read as an unsigned integer.
 *
 * @example
 * ringDivide(new BigUint64Array([7n]), 2n) // [3n]
 */
export function ringDivide(
  a: BigUint64Array,
  divisor: bigint,
  out: BigUint64Array = new BigUint64Array(a.length),
): BigUint64Array {
  checkDivisor(divisor)
  assertSameLength(a, out, 'input and output vectors')
  const shift = powerOfTwo(divisor)
  if (shift >= 0) shiftRight(a, shift, out)
  else for (let i = 0; i < a.length; i++) out[i] = a[i]! / divisor
  return out
}

/**
 * −⌊(−a mod 2^64) / divisor⌋ mod 2^64 element-wise: the partner of `ringDivide` in a two-party
 * split x = A + B, where one holder divides A with `ringDivide` and the other divides B with this
 * (Mohassel & Zhang, SecureML 2017; see `reshareDivided`).
 *
 * @example
 * ringDivideNegated(new BigUint64Array([2n ** 64n - 7n]), 2n) // [2n ** 64n - 3n], i.e. −3
 */
export function ringDivideNegated(
  a: BigUint64Array,
  divisor: bigint,
  out: BigUint64Array = new BigUint64Array(a.length),
): BigUint64Array {
  checkDivisor(divisor)
  assertSameLength(a, out, 'input and output vectors')
  const shift = powerOfTwo(divisor)
  if (shift >= 0) {
    for (let i = 0; i < a.length; i++) out[i] = -a[i]!
    shiftRight(out, shift, out)
    for (let i = 0; i < a.length; i++) out[i] = -out[i]!
  } else for (let i = 0; i < a.length; i++) out[i] = -(BigInt.asUintN(64, -a[i]!) / divisor)
  return out
}

/** out = a >> shift (logical), 0 <= shift < 64, on 32-bit words. `out` may be `a`. */
function shiftRight(a: BigUint64Array, shift: number, out: BigUint64Array): void {
  if (shift === 0) {
    if (out !== a) out.set(a)
    return
  }
  const x = wordsOf(a)
  const y = wordsOf(out)
  const n = x.length
  if (shift < 32) {
    const up = 32 - shift
    for (let i = 0; i < n; i += 2) {
      const high = x[i + highWord]!
      y[i + lowWord] = (x[i + lowWord]! >>> shift) | (high << up)
      y[i + highWord] = high >>> shift
    }
  } else {
    const down = shift - 32
    for (let i = 0; i < n; i += 2) {
      y[i + lowWord] = x[i + highWord]! >>> down
      y[i + highWord] = 0
    }
  }
}
