import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { shareBoolean } from '../boolean/index.ts'
import { decodeSigned, encodeSigned, randomRingVector, ringToBytes } from '../ring/index.ts'
import { type ReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { onEach } from '../testing/onEach.ts'
import { trioOver } from '../testing/trio.ts'
import {
  byteChiSquare,
  chiSquare,
  recordingSession,
  uniformByteLimit,
} from '../testing/uniformity.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { andBits, shuffle, sortByKey } from './index.ts'

type Trio3<T> = [T, T, T]

const open = (shares: Trio3<ReplicatedShare>) => [...decodeSigned(reconstructReplicated(shares))]
const column = (shares: Trio3<ReplicatedShare[]>, c: number): Trio3<ReplicatedShare> => [
  shares[0][c]!,
  shares[1][c]!,
  shares[2][c]!,
]
const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)

describe('shuffle and sort over memory networks', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('shuffles rows: every column by the same permutation, and not the identity', async () => {
    const n = 500
    const ids = Array.from({ length: n }, (_, i) => BigInt(i))
    const doubled = ids.map((v) => -2n * v)
    const a = shareReplicated(encodeSigned(ids))
    const b = shareReplicated(encodeSigned(doubled))
    const sessions = await trio.open()
    const out = await onEach(sessions, (s, i) => shuffle(s, [a[i]!, b[i]!]))
    const shuffledIds = open(column(out, 0))
    const shuffledDoubled = open(column(out, 1))
    assert.deepEqual([...shuffledIds].sort(ascending), ids)
    assert.deepEqual(
      shuffledDoubled,
      shuffledIds.map((v) => -2n * v),
    )
    assert.notDeepEqual(shuffledIds, ids)
  })

  it('shuffles empty and one-row tables, and refuses ragged ones', async () => {
    const sessions = await trio.open()
    const empty = shareReplicated(new BigUint64Array(0))
    const none = await onEach(sessions, (s, i) => shuffle(s, [empty[i]!]))
    assert.deepEqual(open(column(none, 0)), [])
    const one = shareReplicated(encodeSigned([42n]))
    const single = await onEach(sessions, (s, i) => shuffle(s, [one[i]!]))
    assert.deepEqual(open(column(single, 0)), [42n])
    const noColumns = await onEach(sessions, (s) => shuffle(s, []))
    assert.deepEqual(noColumns, [[], [], []])
    const short = shareReplicated(new BigUint64Array(2))
    const long = shareReplicated(new BigUint64Array(3))
    await assert.rejects(shuffle(sessions[0], [short[0], long[0]]), (e) =>
      isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH'),
    )
  })

  it('draws every permutation of three rows about equally often', async () => {
    const runs = 600
    const values = shareReplicated(encodeSigned([0n, 1n, 2n]))
    const sessions = await trio.open()
    const counts = new Map<string, number>()
    for (let run = 0; run < runs; run++) {
      const out = await onEach(sessions, (s, i) => shuffle(s, [values[i]!]))
      const key = open(column(out, 0)).join()
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    assert.equal(counts.size, 6)
    // 5 degrees of freedom: the 99.99th percentile is about 25.7.
    assert.ok(chiSquare([...counts.values()], runs / 6) < 25.7, JSON.stringify([...counts]))
  })

  it('gives each party a uniformly random share and view, whatever the data', async () => {
    const zeros = shareReplicated(new BigUint64Array(20_000))
    const sessions = await trio.open()
    const recorders = sessions.map(recordingSession)
    const out = await onEach(sessions, (_, i) => shuffle(recorders[i]!.session, [zeros[i]!]))
    for (const [party, share] of out.entries()) {
      assert.ok(byteChiSquare(ringToBytes(share[0]!.first)) < uniformByteLimit, `party ${party}`)
      assert.ok(byteChiSquare(ringToBytes(share[0]!.second)) < uniformByteLimit, `party ${party}`)
      for (const payload of recorders[party]!.received)
        assert.ok(byteChiSquare(payload) < uniformByteLimit, `party ${party} received`)
    }
    assert.equal(recorders[0]!.received.length, 2)
  })

  it('gives each party a uniformly random view of AND, whatever the data', async () => {
    const ones = shareBoolean(new BigUint64Array(20_000).fill(2n ** 64n - 1n))
    const sessions = await trio.open()
    const recorders = sessions.map(recordingSession)
    await onEach(sessions, (_, i) => andBits(recorders[i]!.session, ones[i]!, ones[i]!))
    for (const recorder of recorders) {
      assert.equal(recorder.received.length, 1)
      assert.ok(byteChiSquare(recorder.received[0]!) < uniformByteLimit)
    }
  })

  it('sorts by key against plaintext, carrying a payload column', async () => {
    const n = 1000
    const keys = [...randomRingVector(n)].map((v) => BigInt.asIntN(62, v))
    for (let i = 0; i < n; i += 10) keys[i] = keys[i + 1]!
    keys[3] = 0n
    keys[4] = 1n
    keys[5] = -1n
    keys[6] = 2n ** 62n - 1n
    keys[7] = -(2n ** 62n)
    const payload = keys.map((_, i) => BigInt(i))
    const k = shareReplicated(encodeSigned(keys))
    const p = shareReplicated(encodeSigned(payload))
    const sessions = await trio.open()
    const sorted = await onEach(sessions, (s, i) => sortByKey(s, k[i]!, [p[i]!]))
    const sortedKeys = open([sorted[0].key, sorted[1].key, sorted[2].key])
    const sortedPayload = open([
      sorted[0].columns[0]!,
      sorted[1].columns[0]!,
      sorted[2].columns[0]!,
    ])
    assert.deepEqual(sortedKeys, [...keys].sort(ascending))
    assert.deepEqual(
      sortedPayload.map((row) => keys[Number(row)]),
      sortedKeys,
    )
    assert.deepEqual([...sortedPayload].sort(ascending), payload)
  })

  it('sorts all-equal, tiny and empty vectors', async () => {
    for (const keys of [Array(50).fill(-7n), [], [5n], [2n, 1n], [1n, 1n], [3n, -3n, 0n]]) {
      const k = shareReplicated(encodeSigned(keys))
      const sessions = await trio.open()
      const sorted = await onEach(sessions, (s, i) => sortByKey(s, k[i]!))
      assert.deepEqual(
        open([sorted[0].key, sorted[1].key, sorted[2].key]),
        [...keys].sort(ascending),
      )
    }
  })

  it('sorts narrow keys with the index folded into the key', async () => {
    const n = 700
    const keys = [...randomRingVector(n)].map((v) => BigInt.asIntN(20, v))
    for (let i = 0; i < n; i += 9) keys[i] = keys[i + 1]!
    keys[1] = 2n ** 19n - 1n
    keys[2] = -(2n ** 19n)
    const payload = keys.map((_, i) => BigInt(i))
    const k = shareReplicated(encodeSigned(keys))
    const p = shareReplicated(encodeSigned(payload))
    const sessions = await trio.open()
    const sorted = await onEach(sessions, (s, i) => sortByKey(s, k[i]!, [p[i]!], { keyBits: 20 }))
    const sortedKeys = open([sorted[0].key, sorted[1].key, sorted[2].key])
    const sortedPayload = open([
      sorted[0].columns[0]!,
      sorted[1].columns[0]!,
      sorted[2].columns[0]!,
    ])
    assert.deepEqual(sortedKeys, [...keys].sort(ascending))
    assert.deepEqual(
      sortedPayload.map((row) => keys[Number(row)]),
      sortedKeys,
    )
    const equalKeys = shareReplicated(encodeSigned(Array(40).fill(3n)))
    const same = await onEach(sessions, (s, i) => sortByKey(s, equalKeys[i]!, [], { keyBits: 3 }))
    assert.deepEqual(open([same[0].key, same[1].key, same[2].key]), Array(40).fill(3n))
    await assert.rejects(sortByKey(sessions[0], k[0], [], { keyBits: 60 }), (e) =>
      isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'),
    )
  })

  it('refuses payload columns that differ in length from the key', async () => {
    const [session] = await trio.open()
    const [key] = shareReplicated(new BigUint64Array(3))
    const [payload] = shareReplicated(new BigUint64Array(2))
    await assert.rejects(sortByKey(session, key, [payload]), (e) =>
      isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH'),
    )
  })
})
