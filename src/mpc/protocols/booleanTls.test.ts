import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { packBits, reconstructBoolean, shareBoolean, unpackBits } from '../boolean/index.ts'
import { decodeSigned, encodeSigned, randomRingVector } from '../ring/index.ts'
import { type ReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { onEach } from '../testing/onEach.ts'
import { closeAll, startTlsNetworks } from '../testing/tlsNetworks.ts'
import { trioOver } from '../testing/trio.ts'
import {
  andBits,
  bitDecompose,
  bitToArithmetic,
  equal,
  lessThan,
  maximumOf,
  minimumOf,
  select,
  shuffle,
  sortByKey,
} from './index.ts'

const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
const openSigned = (shares: [ReplicatedShare, ReplicatedShare, ReplicatedShare]) => [
  ...decodeSigned(reconstructReplicated(shares)),
]
const edges = [0n, 1n, -1n, 2n ** 62n - 1n, -(2n ** 62n), 3n]

function inputs(count: number): [bigint[], bigint[]] {
  const x = [...edges, ...[...randomRingVector(count)].map((v) => BigInt.asIntN(63, v))]
  const y = [
    ...edges.slice().reverse(),
    ...[...randomRingVector(count)].map((v) => BigInt.asIntN(63, v)),
  ]
  y[edges.length + 1] = x[edges.length + 1]!
  return [x, y]
}

describe('boolean protocols over TLS', () => {
  let networks: Awaited<ReturnType<typeof startTlsNetworks>>
  let trio: ReturnType<typeof trioOver>
  before(async () => {
    networks = await startTlsNetworks()
    await Promise.all(networks.map((network) => network.ready()))
    trio = trioOver(networks)
  })
  after(async () => {
    trio.close()
    await closeAll(networks)
  })

  it('ANDs, compares, tests equality and decomposes against plaintext', async () => {
    const [x, y] = inputs(400)
    const xs = shareReplicated(encodeSigned(x))
    const ys = shareReplicated(encodeSigned(y))
    const bits = x.map(() => (Math.random() < 0.5 ? 1 : 0))
    const other = x.map(() => (Math.random() < 0.5 ? 1 : 0))
    const bs = shareBoolean(packBits(bits))
    const os = shareBoolean(packBits(other))
    const sessions = await trio.open()
    const both = await onEach(sessions, (s, i) => andBits(s, bs[i]!, os[i]!))
    const below = await onEach(sessions, (s, i) => lessThan(s, xs[i]!, ys[i]!))
    const same = await onEach(sessions, (s, i) => equal(s, xs[i]!, ys[i]!))
    const planes = await onEach(sessions, (s, i) => bitDecompose(s, xs[i]!))
    const n = x.length
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(both), n)],
      bits.map((b, i) => b & other[i]!),
    )
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(below), n)],
      x.map((v, i) => (v < y[i]! ? 1 : 0)),
    )
    assert.deepEqual(
      [...unpackBits(reconstructBoolean(same), n)],
      x.map((v, i) => (v === y[i]! ? 1 : 0)),
    )
    for (const k of [0, 1, 31, 32, 62, 63]) {
      const plane = unpackBits(reconstructBoolean([planes[0][k]!, planes[1][k]!, planes[2][k]!]), n)
      assert.deepEqual(
        [...plane],
        x.map((v) => Number((BigInt.asUintN(64, v) >> BigInt(k)) & 1n)),
      )
    }
  })

  it('injects bits, selects, and reduces to min and max', async () => {
    const [x, y] = inputs(200)
    const xs = shareReplicated(encodeSigned(x))
    const ys = shareReplicated(encodeSigned(y))
    const bits = x.map(() => (Math.random() < 0.5 ? 1 : 0))
    const bs = shareBoolean(packBits(bits))
    const sessions = await trio.open()
    const ring = await onEach(sessions, (s, i) => bitToArithmetic(s, bs[i]!, x.length))
    const chosen = await onEach(sessions, (s, i) => select(s, bs[i]!, xs[i]!, ys[i]!))
    const low = await onEach(sessions, (s, i) => minimumOf(s, xs[i]!))
    const high = await onEach(sessions, (s, i) => maximumOf(s, xs[i]!))
    assert.deepEqual([...reconstructReplicated(ring)], bits.map(BigInt))
    assert.deepEqual(
      openSigned(chosen),
      x.map((v, i) => (bits[i] ? v : y[i]!)),
    )
    const sorted = [...x].sort(ascending)
    assert.deepEqual(openSigned(low), [sorted[0]])
    assert.deepEqual(openSigned(high), [sorted.at(-1)])
  })

  it('shuffles and sorts with a payload', async () => {
    const n = 400
    const keys = [...randomRingVector(n)].map((v) => BigInt.asIntN(20, v))
    keys[0] = keys[1]!
    const payload = keys.map((_, i) => BigInt(i))
    const ks = shareReplicated(encodeSigned(keys))
    const ps = shareReplicated(encodeSigned(payload))
    const sessions = await trio.open()
    const shuffled = await onEach(sessions, (s, i) => shuffle(s, [ks[i]!, ps[i]!]))
    const shuffledKeys = openSigned([shuffled[0][0]!, shuffled[1][0]!, shuffled[2][0]!])
    const shuffledRows = openSigned([shuffled[0][1]!, shuffled[1][1]!, shuffled[2][1]!])
    assert.deepEqual(
      shuffledRows.map((row) => keys[Number(row)]),
      shuffledKeys,
    )
    assert.notDeepEqual(shuffledRows, payload)
    const sorted = await onEach(sessions, (s, i) => sortByKey(s, ks[i]!, [ps[i]!]))
    const sortedKeys = openSigned([sorted[0].key, sorted[1].key, sorted[2].key])
    const sortedRows = openSigned([
      sorted[0].columns[0]!,
      sorted[1].columns[0]!,
      sorted[2].columns[0]!,
    ])
    assert.deepEqual(sortedKeys, [...keys].sort(ascending))
    assert.deepEqual(
      sortedRows.map((row) => keys[Number(row)]),
      sortedKeys,
    )
  })
})

describe('boolean protocols when a peer dies over TLS', () => {
  it('fail fast on the parties left, mid-comparison and mid-sort', async () => {
    const networks = await startTlsNetworks()
    const trio = trioOver(networks)
    try {
      await Promise.all(networks.map((network) => network.ready()))
      const xs = shareReplicated(randomRingVector(5000))
      const comparing = await trio.open(randomBytes(32), 30_000)
      const sorting = await trio.open(randomBytes(32), 30_000)
      // Party 2 never takes part: parties 0 and 1 wait on it, then it dies.
      const waits = [
        lessThan(comparing[0], xs[0], xs[0]),
        lessThan(comparing[1], xs[1], xs[1]),
        sortByKey(sorting[0], xs[0]),
        sortByKey(sorting[1], xs[1]),
      ]
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = Date.now()
      await networks[2].close()
      for (const outcome of await Promise.allSettled(waits)) {
        assert.equal(outcome.status, 'rejected')
        assert.ok(
          isTriadError(outcome.status === 'rejected' && outcome.reason, 'TRIAD_ERR_PEER_LOST'),
          String(outcome.status === 'rejected' && outcome.reason),
        )
      }
      assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`)
    } finally {
      trio.close()
      await closeAll(networks)
    }
  })
})
