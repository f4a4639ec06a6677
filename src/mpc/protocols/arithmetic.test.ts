import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { encodeSigned, randomRingVector } from '../ring/index.ts'
import { deal, onAll, open, type TestTrio, testTransports } from '../testing/transports.ts'
import {
  divideByPublic,
  dotProduct,
  dotProducts,
  gramMatrix,
  inputFromParty,
  multiply,
  randomShares,
  revealToAll,
  truncate,
} from './index.ts'

const two64 = 1n << 64n
const u64 = (x: bigint) => BigInt.asUintN(64, x)
const s64 = (x: bigint) => BigInt.asIntN(64, x)
const max = 2n ** 63n - 1n
const min = -(2n ** 63n)
/** 0, 1, −1 and the ring's extremes, as ring elements. */
const edges = encodeSigned([0n, 1n, -1n, 2n, -2n, max, min, max - 1n, min + 1n, 2n ** 32n])

/** ⌊a/b⌋ for bigints with b > 0 (bigint division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a < 0n && q * b !== a ? q - 1n : q
}

/** Whether r is ⌊x/d⌋ or ⌈x/d⌉, the two outcomes of a division that did not fail. */
function isRounded(r: bigint, x: bigint, d: bigint): boolean {
  const low = floorDiv(x, d)
  return s64(r) === low || s64(r) === low + 1n
}

for (const transport of testTransports) {
  describe(`arithmetic protocols over ${transport.name}`, () => {
    let trio: TestTrio
    before(async () => {
      trio = await transport.start()
    })
    after(() => trio.stop())

    it('multiplies random and edge values like plaintext mod 2^64', async () => {
      const x = new BigUint64Array([
        ...[...edges].flatMap((a) => [...edges].map(() => a)),
        ...randomRingVector(500),
      ])
      const y = new BigUint64Array([
        ...[...edges].flatMap(() => [...edges]),
        ...randomRingVector(500),
      ])
      const [xs, ys] = [deal(x), deal(y)]
      const product = await onAll(await trio.open(), (s, p) => multiply(s, xs[p], ys[p]))
      assert.deepEqual(
        open(product),
        x.map((a, i) => u64(a * y[i]!)),
      )
    })

    it('computes a dot product with one element sent per party, whatever the length', async () => {
      const sessions = await trio.open()
      for (const length of [0, 1, 7, 10_000]) {
        const x = length === 7 ? edges.subarray(0, 7) : randomRingVector(length)
        const y = randomRingVector(length)
        const [xs, ys] = [deal(x), deal(y)]
        const sent = trio.networks.map((network) => network.stats().payloadBytesSent)
        const result = await onAll(sessions, (s, p) => dotProduct(s, xs[p], ys[p]))
        assert.deepEqual(bytesSentSince(trio, sent), [8, 8, 8])
        const expected = x.reduce((total, a, i) => u64(total + a * y[i]!), 0n)
        assert.deepEqual([...open(result)], [expected])
      }
    })

    it('batches dot products of different lengths into one round', async () => {
      const sessions = await trio.open()
      const vectors = [3, 1000, 0, 50].map(
        (length) => [randomRingVector(length), randomRingVector(length)] as const,
      )
      const shared = vectors.map(([x, y]) => [deal(x), deal(y)] as const)
      const steps = sessions[0].stepCount
      const result = await onAll(sessions, (s, p) =>
        dotProducts(
          s,
          shared.map(([xs, ys]) => [xs[p], ys[p]] as const),
        ),
      )
      assert.equal(sessions[0].stepCount - steps, 1)
      assert.deepEqual(
        [...open(result)],
        vectors.map(([x, y]) => x.reduce((total, a, i) => u64(total + a * y[i]!), 0n)),
      )
    })

    it('computes X^T·X of columns, symmetric and row-major', async () => {
      const columns = [
        randomRingVector(300),
        encodeSigned(Array.from({ length: 300 }, (_, i) => i - 150)),
        randomRingVector(300),
      ]
      const shared = columns.map(deal)
      const gram = await onAll(await trio.open(), (s, p) =>
        gramMatrix(
          s,
          shared.map((c) => c[p]),
        ),
      )
      const expected = columns.flatMap((a) =>
        columns.map((b) => a.reduce((total, value, i) => u64(total + value * b[i]!), 0n)),
      )
      assert.deepEqual([...open(gram)], expected)
    })

    it('divides by a public value, rounding to ⌊x/d⌋ or ⌈x/d⌉', async () => {
      const small = encodeSigned([
        0n,
        1n,
        -1n,
        2n,
        -2n,
        6n,
        -6n,
        7n,
        -7n,
        1000n,
        -1000n,
        2n ** 30n,
        -(2n ** 30n),
      ])
      const random = randomRingVector(2000).map((x) => u64(s64(x) >> 34n)) // |x| < 2^29
      const x = new BigUint64Array([...small, ...random])
      const xs = deal(x)
      const sessions = await trio.open()
      for (const divisor of [1n, 2n, 3n, 7n, 1n << 16n, 1000n, (1n << 40n) + 1n]) {
        const result = open(await onAll(sessions, (s, p) => divideByPublic(s, xs[p], divisor)))
        for (const [i, r] of result.entries())
          assert.ok(isRounded(r, s64(x[i]!), divisor), `${s64(x[i]!)} / ${divisor} gave ${s64(r)}`)
        if (divisor === 1n) assert.deepEqual(result, x)
      }
    })

    it('is exact when the divisor divides x', async () => {
      const x = encodeSigned([0n, 12n, -12n, 3n * 2n ** 20n, -(5n * 2n ** 20n)])
      const xs = deal(x)
      const sessions = await trio.open()
      const thirds = open(await onAll(sessions, (s, p) => divideByPublic(s, xs[p], 3n)))
      assert.deepEqual([...thirds].slice(0, 3).map(s64), [0n, 4n, -4n])
      const shifted = open(await onAll(sessions, (s, p) => truncate(s, xs[p], 20)))
      assert.deepEqual([...shifted].slice(3).map(s64), [3n, -5n])
    })

    it('rounds stochastically without bias', async () => {
      // 1/4 and −1/4 round up with probability 1/4: the means are 1/4 and −1/4.
      const n = 20_000
      const x = encodeSigned([
        ...Array.from({ length: n }, () => 1n),
        ...Array.from({ length: n }, () => -1n),
      ])
      const xs = deal(x)
      const result = open(await onAll(await trio.open(), (s, p) => truncate(s, xs[p], 2)))
      const mean = (part: BigUint64Array) =>
        part.reduce((total, r) => total + Number(s64(r)), 0) / n
      // Standard deviation of each mean: sqrt(3/16 / n) ≈ 0.003; allow 6 of them.
      assert.ok(Math.abs(mean(result.subarray(0, n)) - 0.25) < 0.02)
      assert.ok(Math.abs(mean(result.subarray(n)) + 0.25) < 0.02)
    })

    it('fails with probability |x|/2^64, by about 2^64/d, exactly as documented', async () => {
      // For |x| = 2^60 a failure has probability 1/16; a failed element is off by 2^64/d.
      const n = 12_000
      const big = 2n ** 60n + 12345n
      const x = encodeSigned(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? big : -big)))
      const d = 1n << 16n
      const xs = deal(x)
      const result = open(await onAll(await trio.open(), (s, p) => divideByPublic(s, xs[p], d)))
      let failures = 0
      result.forEach((r, i) => {
        const value = s64(x[i]!)
        if (isRounded(r, value, d)) return
        failures++
        const wrapped = value > 0n ? value - two64 : value + two64
        assert.ok(isFailure(r, wrapped, d), `element ${i}: ${s64(r)}`)
      })
      // Expected n/16 = 750, standard deviation ≈ 26.5; allow 6 of them.
      assert.ok(Math.abs(failures - n / 16) < 160, `${failures} failures`)
    })

    it('shares an input of each party, at the cost of two elements per element for the owner', async () => {
      const sessions = await trio.open()
      for (const owner of [0, 1, 2] as const) {
        const values = new BigUint64Array([...edges, ...randomRingVector(100)])
        const sent = trio.networks.map((network) => network.stats().payloadBytesSent)
        const shares = await onAll(sessions, (s, p) =>
          inputFromParty(s, owner, p === owner ? values : values.length),
        )
        assert.deepEqual(open(shares), values)
        assert.deepEqual(
          bytesSentSince(trio, sent),
          [0, 1, 2].map((party) => (party === owner ? 16 * values.length : 0)),
        )
      }
    })

    it('refuses an input call where the owner passes no values or another party does', async () => {
      const [s0] = await trio.open()
      await assert.rejects(inputFromParty(s0, 0, 3), (e) =>
        isTriadError(e, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID'),
      )
      await assert.rejects(inputFromParty(s0, 1, new BigUint64Array(3)), (e) =>
        isTriadError(e, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID'),
      )
    })

    it('reveals a vector to all three parties', async () => {
      const values = new BigUint64Array([...edges, ...randomRingVector(100)])
      const shares = deal(values)
      const revealed = await onAll(await trio.open(), (s, p) => revealToAll(s, shares[p]))
      for (const result of revealed) assert.deepEqual(result, values)
    })

    it('draws random shares without communication, consistent across parties and fresh', async () => {
      const sessions = await trio.open()
      const sent = trio.networks.map((network) => network.stats().payloadBytesSent)
      const first = await onAll(sessions, (s) => randomShares(s, 1000))
      const second = await onAll(sessions, (s) => randomShares(s, 1000))
      assert.deepEqual(bytesSentSince(trio, sent), [0, 0, 0])
      const [a, b] = [open(first), open(second)] // open checks that the copies agree
      assert.notDeepEqual(a, b)
      assert.equal(new Set(a).size, 1000)
    })
  })
}

/** Payload bytes each party sent since `before` (from `network.stats()`). */
function bytesSentSince(trio: TestTrio, before: readonly number[]): number[] {
  return trio.networks.map((network, party) => network.stats().payloadBytesSent - before[party]!)
}

/** r is the outcome of a failed division of x: x shifted by ±2^64 and then divided. */
function isFailure(r: bigint, wrapped: bigint, d: bigint): boolean {
  const low = u64(floorDiv(wrapped, d))
  return r === low || r === u64(low + 1n)
}
