import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { decodeSigned, encodeSigned, randomRingVector } from '../ring/index.ts'
import {
  decodeReplicatedShare,
  encodeReplicatedShare,
  type ReplicatedShares,
  reconstructReplicated,
  shareReplicated,
} from './index.ts'

const edges = new BigUint64Array([0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 2n ** 64n - 1n])

describe('replicated sharing', () => {
  it('reconstructs random and edge values', () => {
    for (const values of [edges, randomRingVector(1000), new BigUint64Array(0)]) {
      assert.deepEqual(reconstructReplicated(shareReplicated(values)), values)
    }
  })

  it('reconstructs signed values through two’s complement', () => {
    const values = [0n, 1n, -1n, -(2n ** 63n), 2n ** 63n - 1n]
    const shares = shareReplicated(encodeSigned(values))
    assert.deepEqual([...decodeSigned(reconstructReplicated(shares))], values)
  })

  it('gives party i the components x_i and x_{i+1}, without aliasing', () => {
    const [s0, s1, s2] = shareReplicated(edges)
    assert.deepEqual(s0.second, s1.first)
    assert.deepEqual(s1.second, s2.first)
    assert.deepEqual(s2.second, s0.first)
    assert.notEqual(s0.second.buffer, s1.first.buffer)
    assert.notEqual(s1.second.buffer, s2.first.buffer)
    assert.notEqual(s2.second.buffer, s0.first.buffer)
  })

  it('hides the values in each party’s view', () => {
    const [s0] = shareReplicated(new BigUint64Array(8))
    assert.ok(s0.first.some((x) => x !== 0n))
    assert.ok(s0.second.some((x) => x !== 0n))
  })

  it('detects disagreeing copies and names the parties and the index', () => {
    const shares = shareReplicated(randomRingVector(10))
    const tampered: ReplicatedShares = [
      shares[0],
      { first: shares[1].first.slice(), second: shares[1].second },
      shares[2],
    ]
    tampered[1].first[7] = tampered[1].first[7]! ^ 1n
    assert.throws(
      () => reconstructReplicated(tampered),
      (e) =>
        isTriadError(e, 'TRIAD_ERR_SHARES_DISAGREE') &&
        /x1 differs between party 1 and party 0 at index 7/.test(e.details ?? ''),
    )
  })

  it('detects shares of different lengths', () => {
    const shares = shareReplicated(randomRingVector(3))
    const short = shareReplicated(randomRingVector(2))
    assert.throws(
      () => reconstructReplicated([shares[0], shares[1], short[2]]),
      (e) => isTriadError(e, 'TRIAD_ERR_SHARES_DISAGREE'),
    )
  })
})

describe('share encoding', () => {
  const malformed = (e: unknown) => isTriadError(e, 'TRIAD_ERR_SHARE_ENCODING')

  it('round-trips a share', () => {
    for (const share of [...shareReplicated(edges), ...shareReplicated(new BigUint64Array(0))]) {
      const bytes = encodeReplicatedShare(share)
      assert.equal(bytes.length, 8 + 16 * share.first.length)
      assert.deepEqual(decodeReplicatedShare(bytes), share)
    }
  })

  it('decodes from an unaligned view', () => {
    const [share] = shareReplicated(edges)
    const bytes = encodeReplicatedShare(share)
    const padded = new Uint8Array(bytes.length + 5)
    padded.set(bytes, 5)
    assert.deepEqual(decodeReplicatedShare(padded.subarray(5)), share)
  })

  it('rejects truncated, extended and garbled input', () => {
    const bytes = encodeReplicatedShare(shareReplicated(edges)[0])
    assert.throws(() => decodeReplicatedShare(bytes.subarray(0, bytes.length - 1)), malformed)
    assert.throws(() => decodeReplicatedShare(bytes.subarray(0, 5)), malformed)
    assert.throws(() => decodeReplicatedShare(new Uint8Array(0)), malformed)
    const extended = new Uint8Array(bytes.length + 8)
    extended.set(bytes)
    assert.throws(() => decodeReplicatedShare(extended), malformed)
    for (const [offset, value] of [
      [0, 0x00],
      [3, 2],
      [7, bytes[7]! + 1],
      [4, 0xff],
    ] as const) {
      const garbled = bytes.slice()
      garbled[offset] = value
      assert.throws(() => decodeReplicatedShare(garbled), malformed)
    }
  })

  it('refuses to encode a share whose components differ in length', () => {
    assert.throws(
      () => encodeReplicatedShare({ first: new BigUint64Array(2), second: new BigUint64Array(1) }),
      malformed,
    )
  })
})
