import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sleep } from '../src/async/sleep.ts'
import { createValuePool, devPrice } from '../src/devnet/createValuePool.ts'
import type { DevnetBridge } from '../src/devnet/startDevnet.ts'
import { metricValue, useDevnet } from './support/devnetSuite.ts'
import { contributeValues, requestSum, settlementsOf, tokenBalance } from './support/marketJobs.ts'

const values = [[1n, 2n], [3n], [4n, 5n, 6n]]
const sum = 21n
const jobCount = 6

async function viewOf(bridge: DevnetBridge, jobId: bigint) {
  const response = await fetch(`${bridge.url}/v1/jobs/${jobId}`)
  return (await response.json()) as { status: string; reason: string | null }
}

/**
 * Two bridge processes, each with its own account and database, relay the same market at once.
 * Both hand every job to the nodes (which compute each attempt once, whoever asks) and both
 * submit; the contract settles each job once and the loser's submission costs it nothing.
 */
describe('two bridges at once', () => {
  const devnetOf = useDevnet({ name: 'two-bridges', sellers: 3, bridges: 2 })

  it('every job settles exactly once, both bridges see it settled and stay healthy', async () => {
    const devnet = devnetOf()
    assert.equal(devnet.bridges.length, 2)
    const pids = devnet.bridges.map((bridge) => bridge.pid)
    const poolId = await createValuePool(devnet)
    await contributeValues(devnet, poolId, values)
    const buyer = devnet.accounts.buyer.account.address
    const balance = await tokenBalance(devnet, buyer)

    const jobs = []
    for (let i = 0; i < jobCount; i++) jobs.push(await requestSum(devnet, poolId))
    const results = await Promise.all(jobs.map((job) => job.result()))
    for (const result of results) assert.equal(result.sum, sum)

    for (const job of jobs) {
      assert.deepEqual(await settlementsOf(devnet, job.jobId), { completed: 1, refunded: 0 })
    }
    assert.equal(await tokenBalance(devnet, buyer), balance - devPrice * BigInt(jobCount))

    // Each bridge's watcher records every job settled, whichever bridge sent the result.
    for (const bridge of devnet.bridges) {
      for (const job of jobs) {
        const deadline = Date.now() + 15_000
        let view = await viewOf(bridge, job.jobId)
        while (view.status !== 'settled' && Date.now() < deadline) {
          await sleep(100)
          view = await viewOf(bridge, job.jobId)
        }
        assert.equal(view.status, 'settled', `${bridge.url}: ${JSON.stringify(view)}`)
      }
    }
    // Exactly one settling transaction per job between the two; the other lost the race. (A
    // bridge's watcher may read the settlement before its outbox has read its own receipt: wait
    // for the counts to stop moving.)
    const settledBy = async () =>
      (
        await Promise.all(
          devnet.bridges.map(async (bridge) => (await fetch(`${bridge.url}/metrics`)).text()),
        )
      ).map(
        (text) => metricValue(text, 'triad_bridge_submissions_total', { outcome: 'settled' }) ?? 0,
      )
    const counted = Date.now() + 10_000
    let counts = await settledBy()
    while (counts[0]! + counts[1]! < jobCount && Date.now() < counted) {
      await sleep(100)
      counts = await settledBy()
    }
    await sleep(500)
    counts = await settledBy()
    assert.equal(counts[0]! + counts[1]!, jobCount, `settled by each: ${counts.join(', ')}`)
    for (const bridge of devnet.bridges) {
      const health = await fetch(`${bridge.url}/healthz`)
      assert.equal(health.status, 200)
      assert.equal(((await health.json()) as { status: string }).status, 'ready')
    }
    assert.deepEqual(
      devnet.bridges.map((bridge) => bridge.pid),
      pids,
      'neither bridge restarted',
    )
  })
})
