import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { algorithmId, buyerKey, type Fixture, setupMarket } from '../../contracts/test/fixture.ts'
import type { JobEvent } from './getJobEvents.ts'
import { requestJob } from './requestJob.ts'
import { watchJobs } from './watchJobs.ts'

describe('watchJobs', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
  })
  after(async () => {
    await f?.stop()
  })

  it('delivers requested and completed events in order from a cursor', async () => {
    const seen: JobEvent[] = []
    let cursor = 0n
    const watcher = watchJobs(f.owner, {
      market: f.market,
      fromBlock: 0n,
      pollingIntervalMs: 20,
      maxBlockRange: 3n,
      onEvents: (events, next) => {
        seen.push(...events)
        cursor = next
      },
    })
    try {
      const { jobId } = await requestJob(f.buyer, {
        market: f.market,
        poolId: f.poolId,
        algorithmId,
        params: '0xabcd',
        buyerKey,
        deadlineSeconds: 600n,
      })
      await f.deliver(jobId)
      const head = await f.owner.getBlockNumber({ cacheTime: 0 })
      const deadline = Date.now() + 5000
      while (cursor <= head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      assert.deepEqual(
        seen.map((e) => [e.kind, e.jobId]),
        [
          ['requested', jobId],
          ['completed', jobId],
        ],
      )
      const requested = seen[0]
      assert.ok(requested?.kind === 'requested')
      assert.equal(requested.params, '0xabcd')
      assert.equal(requested.rowsSnapshot, 30n)
    } finally {
      await watcher.stop()
    }
  })
})
