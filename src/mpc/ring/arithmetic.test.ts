import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import {
  decodeFixed,
  encodeFixed,
  fixedPointScale,
  randomRingVector,
  ringDivide,
  ringDivideNegated,
  ringDivideSub,
  ringMul,
  ringMulScalar,
  ringSumDivideNegated,
  ringView,
} from './index.ts'

const two64 = 1n << 64n
const u64 = (x: bigint) => BigInt.asUintN(64, x)
const edges = new BigUint64Array([
  0n,
  1n,
  2n,
  two64 - 1n,
  two64 - 2n,
  2n ** 63n,
  2n ** 63n - 1n,
  2n ** 32n,
  2n ** 32n - 1n,
  2n ** 32n + 1n,
  0xdeadbeefcafebaben,
])
const inputs = new BigUint64Array([...edges, ...randomRingVector(1000)])

describe('ring division by a public divisor', () => {
  const divisors = [
    1n,
    2n,
    3n,
    7n,
    1n << 16n,
    1n << 31n,
    1n << 32n,
    1n << 33n,
    1n << 63n,
    1000n,
    two64 - 1n,
  ]

  it('divides unsigned, powers of two by shifting words, others by bigint', () => {
    for (const d of divisors)
      assert.deepEqual(
        ringDivide(inputs, d),
        inputs.map((x) => x / d),
        `divisor ${d}`,
      )
  })

  it('divides the negation and negates back', () => {
    for (const d of divisors)
      assert.deepEqual(
        ringDivideNegated(inputs, d),
        inputs.map((x) => u64(-(u64(-x) / d))),
        `divisor ${d}`,
      )
  })

  it('fuses a subtraction or a sum into the division', () => {
    const b = randomRingVector(inputs.length)
    for (const d of divisors) {
      assert.deepEqual(
        ringDivideSub(inputs, d, b),
        inputs.map((x, i) => u64(x / d - b[i]!)),
        `divisor ${d}`,
      )
      assert.deepEqual(
        ringSumDivideNegated(inputs, b, d),
        inputs.map((x, i) => u64(-(u64(-(x + b[i]!)) / d))),
        `divisor ${d}`,
      )
    }
  })

  it('writes in place', () => {
    const a = inputs.slice()
    ringDivideNegated(a, 1n << 16n, a)
    assert.deepEqual(a, ringDivideNegated(inputs, 1n << 16n))
  })

  it('refuses divisors outside [1, 2^64)', () => {
    for (const d of [0n, -1n, two64])
      assert.throws(
        () => ringDivide(inputs, d),
        (e) => isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'),
      )
  })
})

describe('ring products', () => {
  it('multiplies element-wise and by a scalar mod 2^64', () => {
    const b = randomRingVector(inputs.length)
    assert.deepEqual(
      ringMul(inputs, b),
      inputs.map((x, i) => u64(x * b[i]!)),
    )
    for (const c of [0n, 1n, -1n, 3n, two64 - 5n, 2n ** 63n])
      assert.deepEqual(
        ringMulScalar(inputs, c),
        inputs.map((x) => u64(x * c)),
      )
  })
})

describe('ring views', () => {
  it('views aligned bytes without copying and copies unaligned ones', () => {
    const bytes = new Uint8Array(24)
    bytes[8] = 7
    const view = ringView(bytes, 8, 2)
    assert.deepEqual([...view], [7n, 0n])
    view[1] = 9n
    assert.equal(bytes[16], 9)
    const copy = ringView(bytes, 1, 2)
    copy[0] = 1n
    assert.equal(bytes[1], 0)
  })
})

describe('fixed-point encoding', () => {
  it('round-trips values on the grid, at the extremes of the range', () => {
    const f = 16
    const top = 2 ** (63 - f)
    const values = [0, 1, -1, 0.5, -0.25, 2 ** -f, -(2 ** -f), 12345.6875, -top, top - 2 ** 6]
    assert.deepEqual([...decodeFixed(encodeFixed(values, f), f)], values)
    assert.equal(encodeFixed([-1])[0], two64 - 65536n)
    assert.equal(encodeFixed([-top], f)[0], 2n ** 63n)
  })

  it('rounds to the nearest step', () => {
    const [x] = decodeFixed(encodeFixed([1 / 3], 8), 8)
    assert.equal(x, 85 / 256)
    assert.ok(Math.abs(x! - 1 / 3) <= 2 ** -9)
  })

  it('refuses values outside the range and fractional bits outside [0, 62]', () => {
    const outOfRange = (e: unknown) => isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE')
    assert.throws(() => encodeFixed([2 ** 47], 16), outOfRange)
    assert.throws(() => encodeFixed([Number.NaN]), outOfRange)
    assert.throws(() => encodeFixed([Number.POSITIVE_INFINITY]), outOfRange)
    assert.throws(() => fixedPointScale(63), outOfRange)
    assert.throws(() => fixedPointScale(1.5), outOfRange)
    assert.equal(fixedPointScale(0), 1n)
  })
})
