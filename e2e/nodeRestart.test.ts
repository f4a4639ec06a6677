import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sumAlgorithm } from '../src/algorithms/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { openResult } from '../src/client/openResult.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { type Devnet, startDevnet } from '../src/devnet/startDevnet.ts'

type BridgeStatus = { status: string; attempt: number; reason: string | null }

/**
 * A node that is down when a job arrives makes the attempt fail for all; the bridge starts new
 * attempts with backoff, and once the node is back (same keys, same SQLite store, no share lost)
 * the job settles from one consistent attempt and opens to the right sum.
 */
describe('a node down during a job', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-restart-'))
  let devnet: Devnet

  before(async () => {
    devnet = await startDevnet({ stateDir, sellers: 3 })
  })

  after(async () => {
    await devnet?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })

  it('settles after the node restarts, from a later attempt, with the right result', async () => {
    const market = { chainId: devnet.deployment.chainId, market: devnet.deployment.market }
    const poolId = await createValuePool(devnet)
    const values = [[10n, 20n], [30n], [40n, 50n, 60n]]
    for (const [index, seller] of devnet.accounts.sellers.entries()) {
      await contributeRows(seller, { market, poolId, column: 'value', values: values[index]! })
    }
    await devnet.nodes[2]!.stop()

    const { buyer } = devnet.accounts
    const fromBlock = await buyer.getBlockNumber()
    const { jobId, resultKey } = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: sumAlgorithm.id,
    })
    let status: BridgeStatus = { status: 'unknown', attempt: 0, reason: null }
    for (let tries = 0; tries < 200 && status.attempt < 1; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      status = (await (await fetch(`${devnet.bridgeUrl}/v1/jobs/${jobId}`)).json()) as BridgeStatus
    }
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
