import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { decodeSigned, encodeSigned, randomRingVector } from '../ring/index.ts'
import { encodeReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { inputFromOwner, multiply, outputToReceiver, reshare } from './index.ts'

describe('protocols over memory networks', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('reshares to a fresh sharing of the same value', async () => {
    const values = randomRingVector(257)
    const shares = shareReplicated(values)
    const sessions = await trio.open()
    const fresh = await Promise.all(sessions.map((s, i) => reshare(s, shares[i]!)))
    assert.deepEqual(reconstructReplicated([fresh[0]!, fresh[1]!, fresh[2]!]), values)
    for (let i = 0; i < 3; i++) {
      assert.notDeepEqual(fresh[i]!.first, shares[i]!.first)
      assert.notDeepEqual(fresh[i]!.second, shares[i]!.second)
    }
  })

  it('runs several reshares in sequence on one session', async () => {
    const values = encodeSigned([-1n, 0n, 1n, 2n ** 62n])
    let shares = shareReplicated(values)
    const sessions = await trio.open()
    for (let round = 0; round < 3; round++) {
      const next = await Promise.all(sessions.map((s, i) => reshare(s, shares[i]!)))
      shares = [next[0]!, next[1]!, next[2]!]
    }
    assert.deepEqual(reconstructReplicated(shares), values)
  })

  it('outputs to a receiver who reconstructs the value', async () => {
    const values = encodeSigned([42n, -7n])
    const blobs = shareReplicated(values).map(encodeReplicatedShare)
    const sessions = await trio.open()
    const inputs = blobs.map(inputFromOwner)
    const out = await Promise.all(sessions.map((s, i) => outputToReceiver(s, inputs[i]!)))
    const result = reconstructReplicated([out[0]!, out[1]!, out[2]!])
    assert.deepEqual([...decodeSigned(result)], [42n, -7n])
  })

  it('multiplies element-wise, wrapping mod 2^64, including the ring extremes', async () => {
    const edges = encodeSigned([0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 3n, -5n])
    const x = new BigUint64Array([...edges, ...randomRingVector(100)])
    const y = new BigUint64Array([...edges.reverse(), ...randomRingVector(100)])
    const sessions = await trio.open()
    const xs = shareReplicated(x)
    const ys = shareReplicated(y)
    const product = await Promise.all(sessions.map((s, i) => multiply(s, xs[i]!, ys[i]!)))
    const expected = x.map((value, i) => BigInt.asUintN(64, value * y[i]!))
    assert.deepEqual(reconstructReplicated([product[0]!, product[1]!, product[2]!]), expected)
  })

  it('reshares an empty vector', async () => {
    const shares = shareReplicated(new BigUint64Array(0))
    const sessions = await trio.open()
    const fresh = await Promise.all(sessions.map((s, i) => reshare(s, shares[i]!)))
    assert.equal(reconstructReplicated([fresh[0]!, fresh[1]!, fresh[2]!]).length, 0)
  })
})
