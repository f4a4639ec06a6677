import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import {
  decodeSigned,
  decodeSignedValue,
  decodeUnsigned,
  encodeSigned,
  encodeSignedValue,
  encodeUnsigned,
  randomRingVector,
  ringAdd,
  ringFromBytes,
  ringNeg,
  ringSub,
  ringSum,
  ringToBytes,
} from './index.ts'

const modulus = 2n ** 64n
const edges = [0n, 1n, modulus - 1n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 32n - 1n, 2n ** 32n]
const mod = (x: bigint) => ((x % modulus) + modulus) % modulus

function pairs(): [BigUint64Array, BigUint64Array] {
  const random = randomRingVector(200)
  const a = new BigUint64Array([
    ...edges.flatMap((x) => edges.map(() => x)),
    ...random.slice(0, 100),
  ])
  const b = new BigUint64Array([...edges.flatMap(() => edges), ...random.slice(100)])
  return [a, b]
}

describe('ring vector arithmetic', () => {
  it('adds, subtracts and negates like bigint arithmetic mod 2^64', () => {
    const [a, b] = pairs()
    const sum = ringAdd(a, b)
    const difference = ringSub(a, b)
    const negation = ringNeg(a)
    for (let i = 0; i < a.length; i++) {
      assert.equal(sum[i], mod(a[i]! + b[i]!))
      assert.equal(difference[i], mod(a[i]! - b[i]!))
      assert.equal(negation[i], mod(-a[i]!))
    }
  })

  it('writes in place when out is an input', () => {
    const [a, b] = pairs()
    const expected = ringAdd(a, b)
    ringAdd(a, b, a)
    assert.deepEqual(a, expected)
  })

  it('sums a vector mod 2^64', () => {
    const [a] = pairs()
    assert.equal(ringSum(a), mod(a.reduce((acc, x) => acc + x, 0n)))
    assert.equal(ringSum(new BigUint64Array(0)), 0n)
    assert.equal(ringSum(new BigUint64Array([modulus - 1n, 1n])), 0n)
  })

  it('sums across the exact-double block boundary', () => {
    const a = new BigUint64Array((1 << 20) + 3).fill(modulus - 1n)
    assert.equal(ringSum(a), mod(-BigInt(a.length)))
  })

  it('refuses vectors of different lengths', () => {
    assert.throws(
      () => ringAdd(new BigUint64Array(2), new BigUint64Array(3)),
      (e) => isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH'),
    )
  })

  it('draws random vectors of the requested length', () => {
    const a = randomRingVector(64)
    assert.equal(a.length, 64)
    assert.notDeepEqual(a, randomRingVector(64))
  })
})

describe('ring encoding', () => {
  it('round-trips signed values in two’s complement', () => {
    const values = [0n, 1n, -1n, -(2n ** 63n), 2n ** 63n - 1n, 42n, -42n]
    const ring = encodeSigned(values)
    assert.equal(ring[2], modulus - 1n)
    assert.equal(ring[3], 2n ** 63n)
    assert.deepEqual([...decodeSigned(ring)], values)
    assert.deepEqual([...encodeSigned([-5, 7])], [modulus - 5n, 7n])
    assert.equal(encodeSignedValue(-2), modulus - 2n)
    assert.equal(decodeSignedValue(modulus - 2n), -2n)
  })

  it('round-trips unsigned values', () => {
    const values = [0n, 1n, 2n ** 63n, modulus - 1n]
    assert.deepEqual([...decodeUnsigned(encodeUnsigned(values))], values)
  })

  it('rejects values out of range and unsafe numbers', () => {
    const outOfRange = (e: unknown) => isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE')
    assert.throws(() => encodeSigned([2n ** 63n]), outOfRange)
    assert.throws(() => encodeSigned([-(2n ** 63n) - 1n]), outOfRange)
    assert.throws(() => encodeUnsigned([-1n]), outOfRange)
    assert.throws(() => encodeUnsigned([modulus]), outOfRange)
    assert.throws(() => encodeSigned([1.5]), outOfRange)
    assert.throws(() => encodeSigned([2 ** 60]), outOfRange)
  })

  it('puts vectors on the wire little-endian and back', () => {
    const vector = new BigUint64Array([1n, 2n ** 63n + 258n])
    const bytes = ringToBytes(vector)
    assert.deepEqual([...bytes.subarray(0, 8)], [1, 0, 0, 0, 0, 0, 0, 0])
    assert.deepEqual([...bytes.subarray(8)], [2, 1, 0, 0, 0, 0, 0, 0x80])
    const padded = new Uint8Array(bytes.length + 3)
    padded.set(bytes, 3)
    assert.deepEqual(ringFromBytes(padded, 3, 2), vector)
  })
})
