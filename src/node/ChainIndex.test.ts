import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { jobIdOf } from '../protocol/jobId.ts'
import { NodeStore } from './store.ts'
import {
  commitmentOf,
  contributedEvent,
  outcomeEvent,
  requestedEvent,
  revokedEvent,
  sellerAddress,
  updateOf,
} from './testing/marketEvents.ts'

const job = (sequence: bigint) => jobIdOf(1n, sequence)

/** Stores the shares of contribution `index` of pool 1 as an upload would. */
function storeShares(store: NodeStore, index: number, seller: number, marker: number) {
  store.saveUpload({
    poolId: 1n,
    seller: sellerAddress(seller),
    commitment: commitmentOf(index),
    rows: 2,
    share: new Uint8Array(64).fill(marker),
    receipt: `0x${'22'.repeat(65)}`,
  })
}

describe('the node’s chain index (a real SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-index-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('gives each job exactly the contributions with joinedAt <= sequence < revokedAt', () => {
    const store = new NodeStore(join(dir, 'snapshot'))
    const { index } = store
    index.apply(
      updateOf(3n, [
        contributedEvent({ index: 0n, seller: 1, rows: 2n, joinedAt: 0n, block: 2n }),
        contributedEvent({ index: 1n, seller: 2, rows: 3n, joinedAt: 0n, block: 3n }),
      ]),
    )
    index.apply(
      updateOf(6n, [
        requestedEvent({ jobId: job(0n), block: 4n, rows: 5n, contributors: 2 }),
        contributedEvent({ index: 2n, seller: 1, rows: 4n, joinedAt: 1n, block: 5n }),
        revokedEvent({ index: 0n, seller: 1, revokedAt: 1n, block: 6n }),
      ]),
    )
    const ids = (sequence: bigint) =>
      index.snapshot(1n, sequence).map((contribution) => contribution.contributionId)
    assert.deepEqual(ids(0n), [0n, 1n])
    assert.deepEqual(ids(1n), [1n, 2n])
    assert.equal(index.snapshot(2n, 0n).length, 0)
    assert.equal(index.jobRequest(job(0n))?.rowsSnapshot, 5n)
    assert.equal(index.jobRequest(job(1n)), undefined)
    assert.equal(index.isRevoked(1n, sellerAddress(1), commitmentOf(0)), true)
    assert.equal(index.isRevoked(1n, sellerAddress(1), commitmentOf(2)), false)
    assert.equal(index.position()?.nextBlock, 7n)
    store.close()

    // Reopened, the index and its position are there.
    const reopened = new NodeStore(join(dir, 'snapshot'))
    assert.equal(reopened.index.position()?.nextBlock, 7n)
    assert.equal(reopened.index.snapshot(1n, 1n).length, 2)
    reopened.close()
  })

  it('rolls back dropped blocks, and fails the attempts computed for a dropped request', () => {
    const store = new NodeStore(join(dir, 'rollback'))
    const { index } = store
    const dropped: bigint[][] = []
    index.onRolledBack = (rollback) => dropped.push([...rollback.droppedJobs])
    index.apply(
      updateOf(4n, [
        contributedEvent({ index: 0n, seller: 1, rows: 2n, joinedAt: 0n, block: 2n }),
        requestedEvent({ jobId: job(0n), block: 3n, rows: 2n, contributors: 1 }),
        contributedEvent({ index: 1n, seller: 2, rows: 3n, joinedAt: 1n, block: 4n }),
      ]),
    )
    const request = index.jobRequest(job(0n))!
    assert.equal(store.claimJob(job(0n), 0, request.transactionHash), true)
    assert.equal(store.finishJob(job(0n), 0, new Uint8Array([1]), '0x01'), true)
    assert.equal(store.claimJob(job(0n), 1, request.transactionHash), true)

    index.rollBack(3n, { nextBlock: 3n, recent: [] })
    assert.deepEqual(dropped, [[job(0n)]])
    assert.equal(index.jobRequest(job(0n)), undefined)
    assert.deepEqual(
      index.snapshot(1n, 5n).map((contribution) => contribution.contributionId),
      [0n],
    )
    // The done attempt is never served, and the one still computing cannot finish.
    assert.deepEqual(store.jobState(job(0n), 0), {
      status: 'failed',
      error: 'the job request was dropped by a chain reorganisation',
      retryable: true,
    })
    assert.equal(store.finishJob(job(0n), 1, new Uint8Array([2]), '0x02'), false)
    assert.equal(store.jobState(job(0n), 1)?.status, 'failed')
    assert.equal(index.position()?.nextBlock, 3n)
    store.close()
  })

  it('deletes a revoked contribution’s shares once no job can use them, and refuses them again', () => {
    const store = new NodeStore(join(dir, 'purge'))
    const { index } = store
    const purged: string[] = []
    index.onApplied = (changes) => purged.push(...changes.purged.map((p) => p.commitment))
    storeShares(store, 0, 1, 0xa5)
    storeShares(store, 1, 2, 0x5a)
    index.apply(
      updateOf(5n, [
        contributedEvent({ index: 0n, seller: 1, rows: 2n, joinedAt: 0n, block: 2n }),
        contributedEvent({ index: 1n, seller: 2, rows: 2n, joinedAt: 0n, block: 3n }),
        requestedEvent({ jobId: job(0n), block: 4n, deadline: 2_000n }),
        // Revoked after job 0 was requested: job 0 still uses it.
        revokedEvent({ index: 0n, seller: 1, revokedAt: 1n, block: 5n }),
      ]),
    )
    assert.deepEqual(purged, [])
    assert.ok(store.findUpload(1n, sellerAddress(1), commitmentOf(0)))

    index.apply(updateOf(6n, [outcomeEvent('completed', { jobId: job(0n), block: 6n })]))
    assert.deepEqual(purged, [commitmentOf(0)])
    assert.equal(store.findUpload(1n, sellerAddress(1), commitmentOf(0)), undefined)
    assert.ok(store.findUpload(1n, sellerAddress(2), commitmentOf(1)), 'others are kept')
    store.close()
    // secure_delete and the checkpoint leave no copy of the deleted share in the files.
    const file = readFileSync(join(dir, 'purge', 'node.sqlite'))
    assert.equal(file.includes(Buffer.alloc(64, 0xa5)), false)
    assert.equal(file.includes(Buffer.alloc(64, 0x5a)), true)
  })

  it('keeps a revoked contribution’s shares while a job that uses them is pending, until its deadline', () => {
    const store = new NodeStore(join(dir, 'deadline'))
    const { index } = store
    storeShares(store, 0, 1, 1)
    index.apply(
      updateOf(4n, [
        contributedEvent({ index: 0n, seller: 1, rows: 2n, joinedAt: 0n, block: 2n }),
        requestedEvent({ jobId: job(0n), block: 3n, deadline: 2_000n }),
        revokedEvent({ index: 0n, seller: 1, revokedAt: 1n, block: 4n }),
      ]),
    )
    // Another job's outcome at chain time 1,500: job 0 is pending and in time.
    index.apply(updateOf(5n, [outcomeEvent('refunded', { jobId: job(5n), block: 5n })], 1_500n))
    assert.ok(store.findUpload(1n, sellerAddress(1), commitmentOf(0)))
    // At chain time 2,001 job 0 can no longer settle: nothing uses the shares.
    index.apply(updateOf(6n, [outcomeEvent('refunded', { jobId: job(6n), block: 6n })], 2_001n))
    assert.equal(store.findUpload(1n, sellerAddress(1), commitmentOf(0)), undefined)
    store.close()
  })
})
