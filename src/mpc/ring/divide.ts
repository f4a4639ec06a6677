import { TriadError } from '../../errors/index.ts'
import { assertSameLength } from './vector.ts'

/**
 * Division of ring elements, read as unsigned integers in [0, 2^64), by a public positive divisor.
 *
 * Speed. V8 compiles BigInt arithmetic on `BigUint64Array` elements to machine code only while
 * every intermediate stays within 64 bits, and a shift only when its amount is a literal: a shift
 * by a variable amount runs ~13 times slower (Node 20: 20 ms per million elements against 1.5).
 * So for a power-of-two divisor 2^s each kernel is compiled once per s with the literal `s` in its
 * source (`new Function`, cached; the source is built from a checked integer in [0, 63] only) and
 * runs at ~2 ns per element. Other divisors use BigInt division (~27 ms per million).
 */

const two64 = 1n << 64n

type Kernel = (a: BigUint64Array, b: BigUint64Array, out: BigUint64Array) => void

/** The loop bodies, with `S` standing for the literal shift. */
const bodies = {
  divide: 'out[i] = a[i] >> S',
  divideNegated: 'out[i] = -(BigInt.asUintN(64, -a[i]) >> S)',
  sumDivideNegated: 'out[i] = -(BigInt.asUintN(64, -(a[i] + b[i])) >> S)',
  divideSub: 'out[i] = (a[i] >> S) - b[i]',
} as const

const kernels = new Map<string, Kernel>()

function kernel(name: keyof typeof bodies, shift: number): Kernel {
  const key = `${name}/${shift}`
  let compiled = kernels.get(key)
  if (compiled === undefined) {
    if (!Number.isInteger(shift) || shift < 0 || shift > 63) throw new Error(`shift ${shift}`)
    compiled = new Function(
      'a',
      'b',
      'out',
      `'use strict'; for (let i = 0; i < out.length; i++) ${bodies[name].replace('S', `${shift}n`)}`,
    ) as Kernel
    kernels.set(key, compiled)
  }
  return compiled
}

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

function outputFor(a: BigUint64Array, out: BigUint64Array | undefined): BigUint64Array {
  if (out === undefined) return new BigUint64Array(a.length)
  assertSameLength(a, out, 'input and output vectors')
  return out
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
  out?: BigUint64Array,
): BigUint64Array {
  checkDivisor(divisor)
  const result = outputFor(a, out)
  const shift = powerOfTwo(divisor)
  if (shift >= 0) kernel('divide', shift)(a, a, result)
  else for (let i = 0; i < a.length; i++) result[i] = a[i]! / divisor
  return result
}

/**
 * ⌊a / divisor⌋ − b element-wise (a read as unsigned), in one pass.
 *
 * @example
 * ringDivideSub(new BigUint64Array([7n]), 2n, new BigUint64Array([1n])) // [2n]
 */
export function ringDivideSub(
  a: BigUint64Array,
  divisor: bigint,
  b: BigUint64Array,
  out?: BigUint64Array,
): BigUint64Array {
  checkDivisor(divisor)
  assertSameLength(a, b)
  const result = outputFor(a, out)
  const shift = powerOfTwo(divisor)
  if (shift >= 0) kernel('divideSub', shift)(a, b, result)
  else for (let i = 0; i < a.length; i++) result[i] = a[i]! / divisor - b[i]!
  return result
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
  out?: BigUint64Array,
): BigUint64Array {
  checkDivisor(divisor)
  const result = outputFor(a, out)
  const shift = powerOfTwo(divisor)
  if (shift >= 0) kernel('divideNegated', shift)(a, a, result)
  else for (let i = 0; i < a.length; i++) result[i] = -(BigInt.asUintN(64, -a[i]!) / divisor)
  return result
}

/**
 * `ringDivideNegated(a + b)` element-wise, in one pass.
 *
 * @example
 * ringSumDivideNegated(new BigUint64Array([2n ** 64n - 8n]), new BigUint64Array([1n]), 2n) // −3
 */
export function ringSumDivideNegated(
  a: BigUint64Array,
  b: BigUint64Array,
  divisor: bigint,
  out?: BigUint64Array,
): BigUint64Array {
  checkDivisor(divisor)
  assertSameLength(a, b)
  const result = outputFor(a, out)
  const shift = powerOfTwo(divisor)
  if (shift >= 0) kernel('sumDivideNegated', shift)(a, b, result)
  else
    for (let i = 0; i < a.length; i++) result[i] = -(BigInt.asUintN(64, -(a[i]! + b[i]!)) / divisor)
  return result
}
