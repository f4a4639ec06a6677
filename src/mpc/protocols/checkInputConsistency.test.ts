import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { randomRingVector } from '../ring/index.ts'
import { shareReplicated } from '../sharing/index.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { checkInputConsistency } from './index.ts'

describe('input consistency check', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('finds nothing wrong with honestly dealt inputs', async () => {
    const inputs = [shareReplicated(randomRingVector(10)), shareReplicated(randomRingVector(3))]
    const sessions = await trio.open()
    const found = await Promise.all(
      sessions.map((session, party) =>
        checkInputConsistency(
          session,
          inputs.map((shares) => shares[party]!),
        ),
      ),
    )
    assert.deepEqual(found, [[], [], []])
  })

  it('names the input whose copies of one component disagree, at the party holding the bad copy', async () => {
    const good = shareReplicated(randomRingVector(4))
    const bad = shareReplicated(randomRingVector(4))
    // The dealer gives party 0 a wrong x_1 as its second component; party 1 holds the true x_1.
    const tampered = { first: bad[0].first, second: bad[0].second.slice() }
    tampered.second[2] = tampered.second[2]! + 1n
    const dealt = [
      [good[0], tampered],
      [good[1], bad[1]],
      [good[2], bad[2]],
    ]
    const sessions = await trio.open()
    const found = await Promise.all(
      sessions.map((session, party) => checkInputConsistency(session, dealt[party]!)),
    )
    assert.deepEqual(found, [[1], [], []])
  })
})
