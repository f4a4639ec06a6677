import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { packBits, reconstructBoolean, shareBoolean, unpackBits } from '../boolean/index.ts'
import { decodeSigned, encodeSigned, randomRingVector } from '../ring/index.ts'
import { reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { onEach } from '../testing/onEach.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import {
  andBits,
  bitDecompose,
  bitToArithmetic,
  equal,
  isZero,
  lessThan,
  maximum,
  maximumOf,
  minimum,
  minimumOf,
  mostSignificantBit,
  openBits,
  select,
} from './index.ts'

const min64 = -(2n ** 62n) * 2n
const max64 = 2n ** 63n - 1n
const edgeValues = [0n, 1n, -1n, 2n, -2n, 2n ** 62n - 1n, -(2n ** 62n), 2n ** 32n, -(2n ** 32n)]

/** The pair in ascending order. */
function ordered(a: bigint, b: bigint): [bigint, bigint] {
  return b < a ? [b, a] : [a, b]
}

/** Random signed values in [−2^62, 2^62), where comparisons are exact. */
function randomInRange(count: number): bigint[] {
  return [...randomRingVector(count)].map((v) => BigInt.asIntN(63, v))
}

/** Pairs of edge values against each other, then random pairs (some equal). */
function comparisonInputs(randomCount: number): [bigint[], bigint[]] {
  const x: bigint[] = []
  const y: bigint[] = []
  for (const a of edgeValues)
    for (const b of edgeValues) {
      x.push(a)
      y.push(b)
    }
  const rx = randomInRange(randomCount)
  const ry = randomInRange(randomCount)
  for (let i = 0; i < randomCount; i += 7) ry[i] = rx[i]!
  for (let i = 3; i < randomCount; i += 11) ry[i] = rx[i]! + 1n
  return [
    [...x, ...rx],
    [...y, ...ry],
  ]
}

describe('boolean and comparison protocols over memory networks', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('ANDs words and opens them to every party', async () => {
    const x = new BigUint64Array([...randomRingVector(100), 0n, 2n ** 64n - 1n])
    const y = new BigUint64Array([...randomRingVector(100), 2n ** 64n - 1n, 2n ** 64n - 1n])
    const xs = shareBoolean(x)
    const ys = shareBoolean(y)
    const sessions = await trio.open()
    const z = await onEach(sessions, (s, i) => andBits(s, xs[i]!, ys[i]!))
    const expected = x.map((v, i) => v & y[i]!)
    assert.deepEqual(reconstructBoolean(z), expected)
    const opened = await onEach(sessions, (s, i) => openBits(s, z[i]!))
    for (const words of opened) assert.deepEqual(words, expected)
  })

  it('finds the sign bit of random and edge values, at full and reduced width', async () => {
    const values = [...edgeValues, min64, max64, ...randomInRange(500)]
    const shares = shareReplicated(encodeSigned(values))
    const sessions = await trio.open()
    const bits = await onEach(sessions, (s, i) => mostSignificantBit(s, shares[i]!))
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(bits), values.length)],
      values.map((v) => (v < 0n ? 1 : 0)),
    )
    const small = [0n, 1n, -1n, 1000n, -1000n, 2n ** 19n - 1n, -(2n ** 19n)]
    const smallShares = shareReplicated(encodeSigned(small))
    const narrow = await onEach(sessions, (s, i) =>
      mostSignificantBit(s, smallShares[i]!, { width: 20 }),
    )
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(narrow), small.length)],
      small.map((v) => (v < 0n ? 1 : 0)),
    )
    await assert.rejects(mostSignificantBit(sessions[0], smallShares[0], { width: 65 }), (e) =>
      isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'),
    )
  })

  it('compares x < y and x = y against plaintext, edges and ties included', async () => {
    const [x, y] = comparisonInputs(700)
    const xs = shareReplicated(encodeSigned(x))
    const ys = shareReplicated(encodeSigned(y))
    const sessions = await trio.open()
    const below = await onEach(sessions, (s, i) => lessThan(s, xs[i]!, ys[i]!))
    const same = await onEach(sessions, (s, i) => equal(s, xs[i]!, ys[i]!))
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(below), x.length)],
      x.map((v, i) => (v < y[i]! ? 1 : 0)),
    )
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(same), x.length)],
      x.map((v, i) => (v === y[i]! ? 1 : 0)),
    )
  })

  it('tests equality exactly over the whole ring, extremes included', async () => {
    const x = [min64, max64, min64, 0n, -1n, max64, 5n]
    const y = [min64, max64, max64, min64, max64, min64 + 0n, 5n]
    const xs = shareReplicated(encodeSigned(x))
    const ys = shareReplicated(encodeSigned(y))
    const sessions = await trio.open()
    const same = await onEach(sessions, (s, i) => equal(s, xs[i]!, ys[i]!))
    assert.deepEqual([...unpackBits(reconstructBoolean(same), x.length)], [1, 1, 0, 0, 0, 0, 1])
    const zeros = shareReplicated(encodeSigned([0n, 1n, -1n, min64]))
    const zero = await onEach(sessions, (s, i) => isZero(s, zeros[i]!))
    assert.deepEqual([...unpackBits(reconstructBoolean(zero), 4)], [1, 0, 0, 0])
  })

  it('gives the sign of the wrapped difference outside the exact range, as documented', async () => {
    const xs = shareReplicated(encodeSigned([max64]))
    const ys = shareReplicated(encodeSigned([-1n]))
    const sessions = await trio.open()
    const below = await onEach(sessions, (s, i) => lessThan(s, xs[i]!, ys[i]!))
    // max64 − (−1) wraps to min64, whose sign bit is 1.
    assert.deepEqual([...unpackBits(reconstructBoolean(below), 1)], [1])
  })

  it('decomposes values into their 64 bits', async () => {
    const values = encodeSigned([...edgeValues, min64, max64, ...randomInRange(300)])
    const shares = shareReplicated(values)
    const sessions = await trio.open()
    const planes = await onEach(sessions, (s, i) => bitDecompose(s, shares[i]!))
    for (let k = 0; k < 64; k++) {
      const bits = unpackBits(
        reconstructBoolean([planes[0][k]!, planes[1][k]!, planes[2][k]!]),
        values.length,
      )
      for (let e = 0; e < values.length; e++)
        assert.equal(BigInt(bits[e]!), (values[e]! >> BigInt(k)) & 1n, `bit ${k} of element ${e}`)
    }
  })

  it('injects bits into the ring', async () => {
    for (const bits of [
      Array.from({ length: 333 }, () => (Math.random() < 0.5 ? 1 : 0)),
      [1],
      [0],
      Array.from({ length: 64 }, () => 1),
    ]) {
      const shares = shareBoolean(packBits(bits))
      const sessions = await trio.open()
      const ring = await onEach(sessions, (s, i) => bitToArithmetic(s, shares[i]!, bits.length))
      assert.deepEqual([...reconstructReplicated(ring)], bits.map(BigInt))
    }
  })

  it('refuses bits whose word count does not fit the length', async () => {
    const [share] = shareBoolean(new BigUint64Array(2))
    const [session] = await trio.open()
    await assert.rejects(bitToArithmetic(session, share, 200), (e) =>
      isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH'),
    )
  })

  it('selects, and takes element-wise minimum and maximum', async () => {
    const [x, y] = comparisonInputs(200)
    const choice = x.map(() => (Math.random() < 0.5 ? 1 : 0))
    const xs = shareReplicated(encodeSigned(x))
    const ys = shareReplicated(encodeSigned(y))
    const cs = shareBoolean(packBits(choice))
    const sessions = await trio.open()
    const chosen = await onEach(sessions, (s, i) => select(s, cs[i]!, xs[i]!, ys[i]!))
    assert.deepEqual(
      [...decodeSigned(reconstructReplicated(chosen))],
      x.map((v, i) => (choice[i] ? v : y[i]!)),
    )
    const low = await onEach(sessions, (s, i) => minimum(s, xs[i]!, ys[i]!))
    const high = await onEach(sessions, (s, i) => maximum(s, xs[i]!, ys[i]!))
    assert.deepEqual(
      [...decodeSigned(reconstructReplicated(low))],
      x.map((v, i) => ordered(v, y[i]!)[0]),
    )
    assert.deepEqual(
      [...decodeSigned(reconstructReplicated(high))],
      x.map((v, i) => ordered(v, y[i]!)[1]),
    )
  })

  it('reduces vectors to their minimum and maximum', async () => {
    for (const values of [
      randomInRange(101),
      [7n],
      [-3n, -3n, -3n],
      [...edgeValues],
      Array.from({ length: 64 }, (_, i) => BigInt(i - 20)),
    ]) {
      const shares = shareReplicated(encodeSigned(values))
      const sessions = await trio.open()
      const low = await onEach(sessions, (s, i) => minimumOf(s, shares[i]!))
      const high = await onEach(sessions, (s, i) => maximumOf(s, shares[i]!))
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      assert.deepEqual([...decodeSigned(reconstructReplicated(low))], [sorted[0]])
      assert.deepEqual([...decodeSigned(reconstructReplicated(high))], [sorted.at(-1)])
    }
  })

  it('refuses the minimum of an empty vector', async () => {
    const [session] = await trio.open()
    const empty = { first: new BigUint64Array(0), second: new BigUint64Array(0) }
    await assert.rejects(minimumOf(session, empty), (e) =>
      isTriadError(e, 'TRIAD_ERR_VECTOR_EMPTY'),
    )
  })

  it('runs every protocol on empty and one-element vectors', async () => {
    for (const values of [[], [-5n]]) {
      const shares = shareReplicated(encodeSigned(values))
      const bits = shareBoolean(packBits(values.map(() => 1)))
      const sessions = await trio.open()
      const n = values.length
      const below = await onEach(sessions, (s, i) => lessThan(s, shares[i]!, shares[i]!))
      const same = await onEach(sessions, (s, i) => equal(s, shares[i]!, shares[i]!))
      const planes = await onEach(sessions, (s, i) => bitDecompose(s, shares[i]!))
      const ring = await onEach(sessions, (s, i) => bitToArithmetic(s, bits[i]!, n))
      const chosen = await onEach(sessions, (s, i) => select(s, bits[i]!, shares[i]!, shares[i]!))
      assert.deepEqual(
        [...unpackBits(reconstructBoolean(below), n)],
        values.map(() => 0),
      )
      assert.deepEqual(
        [...unpackBits(reconstructBoolean(same), n)],
        values.map(() => 1),
      )
      assert.equal(planes[0].length, 64)
      assert.deepEqual(
        [...reconstructReplicated(ring)],
        values.map(() => 1n),
      )
      assert.deepEqual([...decodeSigned(reconstructReplicated(chosen))], values)
    }
  })
})
