import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { NodeStore } from './store.ts'
import { requestedEvent, updateOf } from './testing/marketEvents.ts'

const requestTx = `0x${'77'.repeat(32)}` as const

describe('the node store (a real SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-store-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the first upload and its receipt when the same upload is replayed', () => {
    const store = new NodeStore(join(dir, 'uploads'))
    const upload = {
      poolId: 1n,
      seller: '0x00000000000000000000000000000000000000aA' as const,
      commitment: `0x${'11'.repeat(32)}` as const,
      rows: 3,
      share: new Uint8Array([1, 2, 3]),
      receipt: `0x${'22'.repeat(65)}` as const,
    }
    store.saveUpload(upload)
    const replay = store.saveUpload({ ...upload, receipt: `0x${'33'.repeat(65)}` })
    assert.equal(replay.receipt, upload.receipt)
    assert.deepEqual(store.findUpload(1n, upload.seller, upload.commitment)?.share, upload.share)
    assert.equal(store.findUpload(2n, upload.seller, upload.commitment), undefined)
    store.close()
  })

  it('runs each attempt of a job once and keeps attempts apart', () => {
    const store = new NodeStore(join(dir, 'jobs'))
    store.index.apply(updateOf(5n, [requestedEvent({ jobId: 7n, block: 5n, tx: requestTx })]))
    assert.equal(store.claimJob(7n, 0, requestTx), true)
    assert.equal(store.claimJob(7n, 0, requestTx), false)
    store.failJob(7n, 0, 'peer lost', true)
    assert.deepEqual(store.jobState(7n, 0), {
      status: 'failed',
      error: 'peer lost',
      retryable: true,
    })
    assert.equal(store.jobState(7n, 1), undefined)
    assert.equal(store.claimJob(7n, 1, requestTx), true)
    assert.equal(store.finishJob(7n, 1, new Uint8Array([9]), '0xabcd'), true)
    assert.deepEqual(store.jobState(7n, 1), {
      status: 'done',
      sealedShare: new Uint8Array([9]),
      signature: '0xabcd',
    })
    assert.equal(store.jobState(7n, 0)?.status, 'failed')
    store.close()
  })

  it('after a restart, an attempt that was computing is failed, not left hanging', () => {
    const path = join(dir, 'restart')
    const before = new NodeStore(path)
    before.claimJob(9n, 0, requestTx)
    before.close()
    const after = new NodeStore(path)
    assert.equal(after.failInterruptedJobs(), 1)
    assert.equal(after.jobState(9n, 0)?.status, 'failed')
    after.close()
  })
})
