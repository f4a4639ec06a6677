import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import pino from 'pino'
import { createTestClient, type Hash, http, parseGwei } from 'viem'
import { type Fixture, setupMarket } from '../../contracts/test/fixture.ts'
import { triadChain } from '../chain/createTriadClient.ts'
import { readJob } from '../chain/readJob.ts'
import { seatBitmap } from '../chain/submitResult.ts'
import { isTriadError } from '../errors/index.ts'
import { type OutboxCall, TransactionOutbox } from './TransactionOutbox.ts'

const logger = pino({ level: 'silent' })

/**
 * The bridge's transaction outbox against a real anvil: one send per key, fee bumps for a
 * transaction the chain will not include, a signed transaction re-broadcast after a crash, and a
 * nonce taken by another transaction of the same account.
 */
describe('TransactionOutbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-outbox-'))
  let f: Fixture
  let test: ReturnType<typeof createTestClient>
  let db: Database.Database

  before(async () => {
    f = await setupMarket()
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
    await f.approveMax(f.buyer)
    test = createTestClient({
      mode: 'anvil',
      chain: triadChain({ chainId: f.chainId, rpcUrl: f.anvil.rpcUrl }),
      transport: http(f.anvil.rpcUrl),
    })
    db = new Database(join(dir, 'outbox.sqlite'))
  })
  after(async () => {
    await test?.setAutomine(true)
    db?.close()
    await f?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const outbox = (options: Partial<ConstructorParameters<typeof TransactionOutbox>[0]> = {}) =>
    new TransactionOutbox({
      client: f.outsiderClient,
      market: f.market,
      db,
      logger,
      pollIntervalMs: 20,
      ...options,
    })

  async function deliveryOf(jobId: bigint): Promise<OutboxCall> {
    const { attempt, seats, sealedShares, signatures } = await f.signedResult(jobId)
    return {
      functionName: 'submitResult',
      args: [jobId, attempt, seatBitmap(seats), sealedShares, signatures],
    }
  }

  const nonceOf = () =>
    f.owner.getTransactionCount({ address: f.outsiderClient.account.address, blockTag: 'pending' })

  /** Mines a block every 50 ms until `promise` settles (automine is off). */
  async function mining<T>(promise: Promise<T>): Promise<T> {
    let done = false
    const settled = promise.finally(() => {
      done = true
    })
    while (!done) {
      await test.mine({ blocks: 1 })
      await Promise.race([settled.catch(() => {}), new Promise((r) => setTimeout(r, 50))])
    }
    return settled
  }

  it('sends a call once per key; a call that would revert sends nothing', async () => {
    const box = outbox()
    await box.start()
    try {
      const { jobId } = await f.requestAs()
      const call = await deliveryOf(jobId)
      const first = await box.send(`submit:${jobId}:0`, call)
      assert.equal(first.status, 'success')
      const nonce = await nonceOf()
      const again = await box.send(`submit:${jobId}:0`, call)
      assert.equal(again.hash, first.hash)
      await assert.rejects(box.send(`submit:${jobId}:1`, call), (error) =>
        isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'),
      )
      assert.equal(await nonceOf(), nonce, 'nothing more was sent')
      assert.equal((await readJob(f.owner, { market: f.market, jobId })).state, 'delivered')
    } finally {
      await box.stop()
    }
  })

  it('sends many calls at once in batches: consecutive nonces, one transaction each, all mined', async () => {
    const jobs = []
    for (let i = 0; i < 12; i++) jobs.push((await f.requestAs()).jobId)
    const calls = await Promise.all(jobs.map((jobId) => deliveryOf(jobId)))
    const box = outbox()
    await box.start()
    try {
      const nonce = await nonceOf()
      // Each key twice at once: the second shares the first's transaction.
      const receipts = await Promise.all(
        [...jobs, ...jobs].map((jobId, index) =>
          box.send(`submit:${jobId}:0`, calls[index % jobs.length]!),
        ),
      )
      for (const receipt of receipts) assert.equal(receipt.status, 'success')
      assert.deepEqual(
        receipts.slice(jobs.length).map((receipt) => receipt.hash),
        receipts.slice(0, jobs.length).map((receipt) => receipt.hash),
      )
      assert.equal(await nonceOf(), nonce + jobs.length, 'one transaction per key')
      const rows = db
        .prepare(
          `SELECT nonce FROM outbox WHERE key IN (${jobs.map(() => '?').join(', ')}) ORDER BY nonce`,
        )
        .all(...jobs.map((jobId) => `submit:${jobId}:0`)) as { nonce: number }[]
      assert.deepEqual(
        rows.map((row) => row.nonce),
        jobs.map((_, index) => nonce + index),
      )
      for (const jobId of jobs) {
        assert.equal((await readJob(f.owner, { market: f.market, jobId })).state, 'delivered')
      }
    } finally {
      await box.stop()
    }
  })

  it('signs a stuck transaction again with higher fees until it is mined', async () => {
    const { jobId } = await f.requestAs()
    const call = await deliveryOf(jobId)
    await test.setAutomine(false)
    const bumps: string[] = []
    const box = outbox({
      initialFees: { maxFeePerGas: parseGwei('2'), maxPriorityFeePerGas: parseGwei('1') },
      bumpAfterMs: 150,
      bumpPercent: 50,
      onBump: (tx) => bumps.push(tx),
    })
    await box.start()
    try {
      const sent = box.send(`submit:${jobId}:0`, call)
      while (!db.prepare('SELECT 1 FROM outbox WHERE key = ?').get(`submit:${jobId}:0`)) {
        await new Promise((r) => setTimeout(r, 10))
      }
      // Once it is in the pool, the base fee jumps far above what its first signature offers.
      await test.setNextBlockBaseFeePerGas({ baseFeePerGas: parseGwei('40') })
      const receipt = await mining(sent)
      assert.equal(receipt.status, 'success')
      assert.ok(receipt.bumps >= 1, `bumps ${receipt.bumps}`)
      assert.ok(bumps.length >= 1)
      const row = db
        .prepare('SELECT hashes FROM outbox WHERE key = ?')
        .get(`submit:${jobId}:0`) as {
        hashes: string
      }
      const hashes = JSON.parse(row.hashes) as Hash[]
      assert.ok(hashes.length >= 2)
      assert.notEqual(receipt.hash, hashes[0], 'a bumped signature was mined, not the first')
      assert.equal((await readJob(f.owner, { market: f.market, jobId })).state, 'delivered')
    } finally {
      await box.stop()
      await test.setAutomine(true)
    }
  })

  it('broadcasts a signed transaction again after a crash, and sends it only once', async () => {
    const { jobId } = await f.requestAs()
    const call = await deliveryOf(jobId)
    const key = `submit:${jobId}:0`
    await test.setAutomine(false)
    try {
      const crashed = outbox()
      await crashed.start()
      const lost = crashed.send(key, call).catch((error: unknown) => error)
      let hash: Hash | undefined
      while (!hash) {
        const row = db.prepare('SELECT hashes FROM outbox WHERE key = ?').get(key) as
          | { hashes: string }
          | undefined
        hash = row ? (JSON.parse(row.hashes) as Hash[])[0] : undefined
        await new Promise((r) => setTimeout(r, 10))
      }
      await crashed.stop()
      assert.ok(isTriadError(await lost, 'TRIAD_ERR_INTERNAL'))
      // The node lost it too (say it restarted): only the outbox still has it.
      await test.dropTransaction({ hash })
      const nonce = await nonceOf()

      const restarted = outbox()
      await restarted.start()
      try {
        const receipt = await mining(restarted.send(key, call))
        assert.equal(receipt.hash, hash, 'the same signed transaction')
        assert.equal(await nonceOf(), nonce + 1)
      } finally {
        await restarted.stop()
      }
    } finally {
      await test.setAutomine(true)
    }
  })

  it('sends again with a fresh nonce when another transaction used its nonce', async () => {
    const { jobId } = await f.requestAs()
    const call = await deliveryOf(jobId)
    const key = `submit:${jobId}:0`
    await test.setAutomine(false)
    const box = outbox({ bumpAfterMs: 60_000 })
    await box.start()
    try {
      const pending = box.send(key, call)
      let nonce: number | undefined
      while (nonce === undefined) {
        const row = db.prepare('SELECT nonce FROM outbox WHERE key = ?').get(key) as
          | { nonce: number }
          | undefined
        nonce = row?.nonce
        await new Promise((r) => setTimeout(r, 10))
      }
      // The same account, elsewhere, replaces it with a plain transfer at a higher fee.
      const fees = await f.owner.estimateFeesPerGas()
      await f.outsiderClient.sendTransaction({
        to: f.outsiderClient.account.address,
        value: 0n,
        nonce,
        maxFeePerGas: fees.maxFeePerGas * 3n,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas * 3n,
      })
      const receipt = await mining(pending)
      assert.equal(receipt.status, 'success')
      const row = db.prepare('SELECT nonce FROM outbox WHERE key = ?').get(key) as { nonce: number }
      assert.ok(row.nonce > nonce, `re-sent with nonce ${row.nonce} after ${nonce}`)
      assert.equal((await readJob(f.owner, { market: f.market, jobId })).state, 'delivered')
    } finally {
      await box.stop()
      await test.setAutomine(true)
    }
  })
})
