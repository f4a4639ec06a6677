import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Address, Hex } from 'viem'
import { isTriadError } from '../errors/index.ts'
import { randomRingVector } from '../mpc/ring/index.ts'
import {
  encodeReplicatedShare,
  type ReplicatedShare,
  shareReplicated,
} from '../mpc/sharing/index.ts'
import { trioOver } from '../mpc/testing/trio.ts'
import { createMemoryNetworks } from '../mpc/transport/index.ts'
import type { SnapshotContribution } from './ChainIndex.ts'
import { InputCache } from './InputCache.ts'
import { verifyInputs } from './verifyInputs.ts'

const contributionOf = (index: number): SnapshotContribution => ({
  poolId: 1n,
  contributionId: BigInt(index),
  seller: `0x${String(index + 1).padStart(40, '0')}` as Address,
  rows: 2n,
  commitment: `0x${String(index + 1).padStart(64, '0')}` as Hex,
})

describe('verifyInputs with the nodes’ memory of verified contributions', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })
  const caches = [0, 1, 2].map(() => new InputCache(() => undefined))
  const contributions = [0, 1, 2].map(contributionOf)
  const dealt = contributions.map(() => shareReplicated(randomRingVector(2)))
  const sharesOf = (party: number): ReplicatedShare[] => dealt.map((shares) => shares[party]!)

  /** Runs verifyInputs at the three parties, counting the session steps each used. */
  async function verify(parties: readonly ReplicatedShare[][], upTo = contributions.length) {
    const sessions = await trio.open()
    const outcomes = await Promise.allSettled(
      sessions.map((session, party) =>
        verifyInputs(
          session,
          contributions.slice(0, upTo),
          parties[party]!.slice(0, upTo),
          caches[party],
        ),
      ),
    )
    const steps = sessions.map((session) => session.nextStep())
    for (const session of sessions) session.close()
    return { outcomes, steps }
  }

  it('checks every contribution once, then only what some node has not seen verified', async () => {
    const first = await verify([sharesOf(0), sharesOf(1), sharesOf(2)], 2)
    assert.deepEqual(
      first.outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled', 'fulfilled'],
    )
    for (const cache of caches) {
      assert.ok(cache.isVerified(contributions[0]!) && cache.isVerified(contributions[1]!))
      assert.ok(!cache.isVerified(contributions[2]!))
    }
    // Nothing new: one exchange of (empty) lists, no consistency round.
    const again = await verify([sharesOf(0), sharesOf(1), sharesOf(2)], 2)
    assert.deepEqual(
      again.steps,
      first.steps.map((step) => step - 2),
    )
    // Node 1 forgot (a restart): the union makes all three check again, together.
    caches[1] = new InputCache(() => undefined)
    const after = await verify([sharesOf(0), sharesOf(1), sharesOf(2)])
    assert.deepEqual(after.steps, first.steps)
    for (const cache of caches) assert.ok(cache.isVerified(contributions[2]!))
  })

  it('a contribution dealt inconsistently is refused by all three and never remembered', async () => {
    const bad = shareReplicated(randomRingVector(2))
    const tampered = { first: bad[0].first, second: bad[0].second.slice() }
    tampered.second[0] = tampered.second[0]! + 1n
    const extra = contributionOf(3)
    contributions.push(extra)
    const parties = [
      [...sharesOf(0), tampered],
      [...sharesOf(1), bad[1]],
      [...sharesOf(2), bad[2]],
    ]
    const { outcomes } = await verify(parties)
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected')
      assert.ok(
        isTriadError((outcome as PromiseRejectedResult).reason, 'TRIAD_ERR_SHARES_DISAGREE'),
      )
      assert.match((outcome as PromiseRejectedResult).reason.details, /contribution 3 of/)
    }
    for (const cache of caches) assert.ok(!cache.isVerified(extra))
  })
})

describe('InputCache', () => {
  it('decodes a share once, keeps shares within its byte budget, and forgets an evicted one', () => {
    const loads: number[] = []
    const shares = [0, 1, 2].map(() => shareReplicated(randomRingVector(4))[0])
    // Each share: 2 × 4 elements × 8 bytes = 64 bytes; room for two.
    const cache = new InputCache((key) => {
      const index = Number(BigInt(key.commitment)) - 1
      loads.push(index)
      if (index > 2) return undefined
      return { ...key, rows: 4, share: encodeReplicatedShare(shares[index]!), receipt: '0x' }
    }, 128)
    const [a, b, c, missing] = [0, 1, 2, 3].map(contributionOf) as SnapshotContribution[]
    assert.deepEqual(cache.share(a!), shares[0])
    assert.deepEqual(cache.share(a!), shares[0])
    assert.deepEqual(loads, [0], 'read and decoded once')
    cache.share(b!)
    cache.share(a!) // a is now the most recently used
    cache.share(c!) // over budget: b, the least recently used, leaves
    assert.equal(cache.size, 2)
    cache.share(a!)
    cache.share(b!)
    assert.deepEqual(loads, [0, 1, 2, 1])
    assert.equal(cache.share(missing!), undefined)
    cache.markVerified([a!])
    cache.evict({ poolId: 1n, seller: a!.seller, commitment: a!.commitment })
    assert.ok(!cache.isVerified(a!))
    cache.share(a!)
    assert.equal(loads.at(-1), 0, 'read again after its eviction')
  })
})
