import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sumAlgorithm } from '../src/algorithms/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { openResult } from '../src/client/openResult.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { marketOf, useDevnet, waitForBridge } from './support/devnetSuite.ts'

/**
 * A node that is down when a job arrives makes the attempt fail for all; the bridge starts new
 * attempts with backoff, and once the node is back (same keys, same SQLite store, no share lost)
 * the job settles from one consistent attempt and opens to the right sum.
 */
describe('a node down during a job', () => {
  const devnetOf = useDevnet({ name: 'restart', sellers: 3 })

  it('settles after the node restarts, from a later attempt, with the right result', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const poolId = await createValuePool(devnet)
    const values = [[10n, 20n], [30n], [40n, 50n, 60n]]
    for (const [index, seller] of devnet.accounts.sellers.entries()) {
      await contributeRows(seller, {
        market,
        poolId,
        data: { rows: values[index]!.map((value) => ({ value })) },
      })
    }
    await devnet.nodes[2]!.stop()

    const { buyer } = devnet.accounts
    const fromBlock = await buyer.getBlockNumber()
    const { jobId, resultKey } = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: sumAlgorithm.id,
      params: { column: 'value' },
    })
    const status = await waitForBridge(devnet, jobId, (view) => view.attempt >= 1, 20_000)
    assert.equal(status.status, 'computing')
    assert.ok(status.attempt >= 1, `attempt ${status.attempt}`)
    assert.match(status.reason ?? '', /node [01]/)

    await devnet.nodes[2]!.restart()
    const delivery = await waitForResult(buyer, { market: market.market, jobId, fromBlock })
    assert.ok(delivery.attempt >= 1)
    const [sum] = await openResult({
      market,
      jobId,
      sealedShares: delivery.sealedShares,
      privateKey: resultKey.privateKey,
    })
    assert.equal(sum, 210n)
  })
})
