import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { packBits, shareBoolean, unpackBits } from '../boolean/index.ts'
import { decodeSigned, encodeSigned } from '../ring/index.ts'
import { type ReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import {
  countBits,
  isZero,
  leastSignificantBit,
  openBits,
  selectInBlocks,
  selectOrderStatistics,
  truncateExact,
} from './index.ts'

const open = (out: readonly ReplicatedShare[]) => [
  ...decodeSigned(reconstructReplicated([out[0]!, out[1]!, out[2]!])),
]

/** A random bigint in [lo, hi]. */
function between(lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n
  let value = 0n
  for (let i = 0; i < 4; i++) value = (value << 32n) | BigInt(randomInt(2 ** 32))
  return lo + (value % span)
}

describe('protocols for statistics: exact truncation, narrow zero test, low bit, selection', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  for (const [shift, bound] of [
    [1, 1],
    [5, 12],
    [14, 41],
    [20, 61],
    [20, 60],
    [20, 59],
    [3, 61],
    [40, 61],
  ] as const) {
    it(`truncates exactly by 2^${shift} for values in [−2^${bound}, 2^${bound})`, async () => {
      const lo = -(2n ** BigInt(bound))
      const hi = 2n ** BigInt(bound) - 1n
      const values = [lo, hi, 0n, -1n, 1n, lo + 1n, hi - 1n]
      while (values.length < 1000) values.push(between(lo, hi))
      const shares = shareReplicated(encodeSigned(values))
      const sessions = await trio.open()
      const out = await Promise.all(
        sessions.map((session, i) => truncateExact(session, shares[i]!, { shift, bound })),
      )
      const expected = values.map((value) => value >> BigInt(shift))
      assert.deepEqual(open(out), expected)
    })
  }

  it('refuses a bound that leaves no headroom', async () => {
    const sessions = await trio.open()
    const share = shareReplicated(encodeSigned([1n]))[0]!
    await assert.rejects(
      truncateExact(sessions[0], share, { shift: 3, bound: 62 }),
      /Exact truncation needs/,
    )
  })

  it('tests for zero on a narrow width, exactly inside its range', async () => {
    const values = [0n, 1n, -1n, 255n, -255n, 17n, 0n]
    const shares = shareReplicated(encodeSigned(values))
    const sessions = await trio.open()
    const bits = await Promise.all(
      sessions.map(async (session, i) =>
        openBits(session, await isZero(session, shares[i]!, { width: 9 })),
      ),
    )
    assert.deepEqual([...unpackBits(bits[0]!, values.length)], [1, 0, 0, 0, 0, 0, 1])
  })

  it('extracts the lowest bit of arithmetic shares', async () => {
    const values = [0n, 1n, 2n, 3n, -1n, -2n, 2n ** 62n + 1n]
    const shares = shareReplicated(encodeSigned(values))
    const sessions = await trio.open()
    const bits = await Promise.all(
      sessions.map(async (session, i) =>
        openBits(session, await leastSignificantBit(session, shares[i]!)),
      ),
    )
    assert.deepEqual([...unpackBits(bits[1]!, values.length)], [0, 1, 0, 1, 1, 0, 1])
  })

  it('selects order statistics without sorting, with ties and a narrow key', async () => {
    const values = Array.from({ length: 301 }, () => BigInt(randomInt(-40, 40)))
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const targets = [0, 1, 149, 150, 151, 299, 300, 150]
    const shares = shareReplicated(encodeSigned(values))
    for (const keyBits of [undefined, 7]) {
      const sessions = await trio.open()
      const out = await Promise.all(
        sessions.map((session, i) =>
          selectOrderStatistics(session, shares[i]!, targets, { keyBits }),
        ),
      )
      assert.deepEqual(
        open(out),
        targets.map((target) => sorted[target]!),
      )
    }
  })

  it('selects in independent blocks, each with its own targets', async () => {
    const n = 50
    const blocks = [0, 1, 2].map(() => Array.from({ length: n }, () => BigInt(randomInt(0, 20))))
    const sorted = blocks.map((block) => [...block].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    const targets = [[0, 25], [49], [10, 11, 12]]
    const shares = shareReplicated(encodeSigned(blocks.flat()))
    const sessions = await trio.open()
    const out = await Promise.all(
      sessions.map((session, i) =>
        selectInBlocks(session, shares[i]!, { blockLength: n, targets, keyBits: 6 }),
      ),
    )
    assert.deepEqual(
      open(out),
      targets.flatMap((list, block) => list.map((target) => sorted[block]![target]!)),
    )
  })

  it('selects from one element, and refuses positions outside the vector', async () => {
    const shares = shareReplicated(encodeSigned([-9n]))
    const sessions = await trio.open()
    const out = await Promise.all(
      sessions.map((session, i) => selectOrderStatistics(session, shares[i]!, [0, 0])),
    )
    assert.deepEqual(open(out), [-9n, -9n])
    await assert.rejects(selectOrderStatistics(sessions[0], shares[0]!, [1]), /out of range/)
  })

  for (const n of [0, 1, 63, 64, 65, 1000, 20_000]) {
    it(`counts set bits of ${n}-bit vectors, three at once, padding ignored`, async () => {
      const words = Math.ceil(n / 64)
      const vectors = [0.5, 0.02, 1].map((p) =>
        Array.from({ length: n }, () => (Math.random() < p ? 1 : 0)),
      )
      const packed = new BigUint64Array(3 * words)
      vectors.forEach((bits, k) => {
        packed.set(packBits(bits), k * words)
        // Garbage in the padding must not count.
        if (n % 64 !== 0)
          packed[(k + 1) * words - 1] =
            packed[(k + 1) * words - 1]! | ((~0n << BigInt(n % 64)) & (2n ** 64n - 1n))
      })
      const shares = shareBoolean(packed)
      const sessions = await trio.open()
      const out = await Promise.all(
        sessions.map((session, i) =>
          countBits(session, shares[i]!, {
            segments: 3,
            wordsPerSegment: words,
            bitsPerSegment: n,
          }),
        ),
      )
      assert.deepEqual(
        open(out),
        vectors.map((bits) => BigInt(bits.reduce<number>((a, b) => a + b, 0))),
      )
    })
  }
})
