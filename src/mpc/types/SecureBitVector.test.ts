import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { isTriadError } from '../../errors/index.ts'
import { decodeSigned, encodeSigned } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { type ReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { onEach } from '../testing/onEach.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { type Receiver, SecureBitVector, SecureIntVector } from './index.ts'

const buyer: Receiver = { kind: 'external', name: 'buyer' }
const open = (out: ReplicatedShare[]) => [
  ...decodeSigned(reconstructReplicated([out[0]!, out[1]!, out[2]!])),
]

function secure(sessions: readonly Session[], values: bigint[]): SecureIntVector[] {
  const shares = shareReplicated(encodeSigned(values))
  return sessions.map((session, i) => SecureIntVector.fromShare(session, shares[i]!))
}

describe('SecureBitVector and comparisons on SecureIntVector', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  const x = [5n, -3n, 0n, 7n, -1n, 2n ** 61n]
  const y = [5n, 4n, -2n, 9n, -1n, -(2n ** 61n)]

  it('compares and reveals the bits to every party', async () => {
    const sessions = await trio.open()
    const a = secure(sessions, x)
    const b = secure(sessions, y)
    const below = await onEach(sessions, (_, i) => a[i]!.lessThan(b[i]!))
    const above = await onEach(sessions, (_, i) => a[i]!.greaterThan(b[i]!))
    const same = await onEach(sessions, (_, i) => a[i]!.equals(b[i]!))
    const negative = await onEach(sessions, (_, i) => a[i]!.isNegative())
    const bits = (v: SecureBitVector[]) => onEach(sessions, (_, i) => v[i]!.reveal())
    for (const opened of await bits(below)) assert.deepEqual([...opened], [0, 1, 0, 1, 0, 0])
    assert.deepEqual([...(await bits(above))[1]], [0, 0, 1, 0, 0, 1])
    assert.deepEqual([...(await bits(same))[2]], [1, 0, 0, 0, 1, 0])
    assert.deepEqual([...(await bits(negative))[0]], [0, 1, 0, 0, 1, 0])
    assert.equal(below[0].length, 6)
  })

  it('combines bits with and, or, xor and not, and selects with them', async () => {
    const sessions = await trio.open()
    const a = secure(sessions, x)
    const b = secure(sessions, y)
    const below = await onEach(sessions, (_, i) => a[i]!.lessThan(b[i]!)) // 0 1 0 1 0 0
    const same = await onEach(sessions, (_, i) => a[i]!.equals(b[i]!)) // 1 0 0 0 1 0
    const orEqual = await onEach(sessions, (_, i) => below[i]!.or(same[i]!))
    const both = await onEach(sessions, (_, i) => below[i]!.and(same[i]!))
    const either = await onEach(sessions, (_, i) => below[i]!.xor(same[i]!).not())
    const reveal = async (v: SecureBitVector[]) => [
      ...(await onEach(sessions, (_, i) => v[i]!.reveal()))[0],
    ]
    assert.deepEqual(await reveal(orEqual), [1, 1, 0, 1, 1, 0])
    assert.deepEqual(await reveal(both), [0, 0, 0, 0, 0, 0])
    assert.deepEqual(await reveal(either), [0, 0, 1, 0, 0, 1])
    const smaller = await onEach(sessions, (_, i) => below[i]!.select(a[i]!, b[i]!))
    const out = await onEach(sessions, (_, i) => smaller[i]!.revealTo(buyer))
    assert.deepEqual(open(out), [5n, -3n, -2n, 7n, -1n, -(2n ** 61n)])
    const counted = await onEach(sessions, async (_, i) =>
      (await orEqual[i]!.toIntVector()).sum().revealTo(buyer),
    )
    assert.deepEqual(open(counted), [4n])
    const toBuyer = await onEach(sessions, (_, i) => same[i]!.revealTo(buyer))
    assert.deepEqual(open(toBuyer), [1n, 0n, 0n, 0n, 1n, 0n])
  })

  it('finds min and max, sorts with payload, and picks elements by public position', async () => {
    const sessions = await trio.open()
    const a = secure(sessions, x)
    const tag = secure(sessions, [0n, 1n, 2n, 3n, 4n, 5n])
    const low = await onEach(sessions, async (_, i) => (await a[i]!.min()).revealTo(buyer))
    const high = await onEach(sessions, async (_, i) => (await a[i]!.max()).revealTo(buyer))
    assert.deepEqual(open(low), [-3n])
    assert.deepEqual(open(high), [2n ** 61n])
    const sorted = await onEach(sessions, (_, i) => a[i]!.sortWith([tag[i]!]))
    const keys = await onEach(sessions, (_, i) => sorted[i]!.key.revealTo(buyer))
    const tags = await onEach(sessions, (_, i) => sorted[i]!.payload[0]!.revealTo(buyer))
    assert.deepEqual(open(keys), [-3n, -1n, 0n, 5n, 7n, 2n ** 61n])
    assert.deepEqual(open(tags), [1n, 4n, 2n, 0n, 3n, 5n])
    const median = await onEach(sessions, async (_, i) =>
      (await a[i]!.sort()).at(2).revealTo(buyer),
    )
    assert.deepEqual(open(median), [0n])
    const last = await onEach(sessions, (_, i) => sorted[i]!.key.at(-1).revealTo(buyer))
    assert.deepEqual(open(last), [2n ** 61n])
    assert.throws(
      () => sorted[0].key.at(6),
      (e) => isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'),
    )
  })

  it('refuses to be printed, and refuses vectors of other lengths', async () => {
    const sessions = await trio.open()
    const a = secure(sessions, x)
    const b = secure(sessions, [1n, 2n])
    const bits = await onEach(sessions, (_, i) => a[i]!.isNegative())
    const refused = (e: unknown) => isTriadError(e, 'TRIAD_ERR_SECRET_NOT_PRINTABLE')
    assert.throws(() => bits[0].valueOf(), refused)
    assert.throws(() => bits[0].toString(), refused)
    assert.throws(() => JSON.stringify(bits[0]), refused)
    assert.throws(() => `${bits[0]}`, refused)
    assert.equal(inspect(bits[0]), 'SecureBitVector <secret, 6 elements>')
    const mismatch = (e: unknown) => isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH')
    await assert.rejects(a[0]!.lessThan(b[0]!), mismatch)
    await assert.rejects(a[0]!.sortWith([b[0]!]), mismatch)
    await assert.rejects(bits[0].select(b[0]!, b[0]!), mismatch)
    assert.throws(() => SecureBitVector.fromShare(sessions[0], bits[0].share, 65), mismatch)
  })
})
