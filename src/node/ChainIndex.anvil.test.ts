import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestClient, http } from 'viem'
import { type Fixture, setupMarket } from '../../contracts/test/fixture.ts'
import { triadChain } from '../chain/createTriadClient.ts'
import { type ChainWatcher, startChainWatcher, type WatcherReorg } from '../chain/watcher/index.ts'
import { NodeStore } from './store.ts'

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * The chain watcher and the node's chain index against a real anvil: contributions and job
 * requests are indexed as they are mined, and a reorganisation (evm_snapshot / evm_revert, then
 * new blocks at the same heights) that drops a job request takes it out of the index.
 */
describe('the chain index follows a real chain through a reorganisation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-index-anvil-'))
  let f: Fixture
  let store: NodeStore
  let watcher: ChainWatcher
  const reorgs: WatcherReorg[] = []

  before(async () => {
    f = await setupMarket()
    store = new NodeStore(dir)
    watcher = startChainWatcher(f.owner, {
      market: f.market,
      store: store.index,
      startBlock: 0n,
      pollIntervalMs: 20,
      onReorg: (reorg) => reorgs.push(reorg),
    })
  })
  after(async () => {
    await watcher?.stop()
    store?.close()
    await f?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('indexes contributions and requests, and forgets a request a reorganisation dropped', async () => {
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
    await f.approveMax(f.buyer)
    const kept = await f.requestAs()
    await until(() => store.index.jobRequest(kept.jobId) !== undefined, 'the first request')
    assert.equal(store.index.snapshot(f.poolId, kept.sequence).length, 3)

    const test = createTestClient({
      mode: 'anvil',
      chain: triadChain({ chainId: f.chainId, rpcUrl: f.anvil.rpcUrl }),
      transport: http(f.anvil.rpcUrl),
    })
    const snapshot = await test.snapshot()
    const dropped = await f.requestAs({ params: '0x01' })
    await until(() => store.index.jobRequest(dropped.jobId) !== undefined, 'the second request')
    const droppedTx = store.index.jobRequest(dropped.jobId)!.transactionHash

    // The request's block leaves the chain; two empty blocks take its height and one more.
    await test.revert({ id: snapshot })
    await test.mine({ blocks: 2 })
    await until(() => store.index.jobRequest(dropped.jobId) === undefined, 'the rollback')
    assert.ok(reorgs.length >= 1)
    assert.ok(store.index.jobRequest(kept.jobId), 'the request before the fork stays')

    // The same job id, requested again on the new branch, is a different request.
    const again = await f.requestAs({ params: '0x02' })
    assert.equal(again.jobId, dropped.jobId)
    await until(() => store.index.jobRequest(again.jobId) !== undefined, 'the new request')
    const request = store.index.jobRequest(again.jobId)!
    assert.equal(request.params, '0x02')
    assert.notEqual(request.transactionHash, droppedTx)
  })
})
