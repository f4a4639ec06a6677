import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { createTestClient, http } from 'viem'
import { sleep } from '../src/async/sleep.ts'
import { triadChain } from '../src/chain/index.ts'
import { createValuePool, devPrice } from '../src/devnet/createValuePool.ts'
import type { Devnet, DevnetNode } from '../src/devnet/startDevnet.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import { useDevnet, waitForBridge } from './support/devnetSuite.ts'
import { contributeValues, requestSum, settlementsOf, tokenBalance } from './support/marketJobs.ts'

const values = [[7n, 8n], [9n], [10n, 11n]]
const sum = 45n

function query<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

function testClient(devnet: Devnet) {
  const { chainId } = devnet.deployment
  return createTestClient({
    mode: 'anvil',
    chain: triadChain({ chainId, rpcUrl: devnet.rpcUrl }),
    transport: http(devnet.rpcUrl),
  })
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

async function nodeReport(node: DevnetNode, jobId: bigint, attempt: number): Promise<string> {
  const response = await fetchPinned(`${node.apiUrl}/v1/jobs/${jobId}?attempt=${attempt}`, {
    fingerprint: node.tlsFingerprint,
  })
  if (response.status === 404) return 'unknown'
  return ((await response.json()) as { status: string }).status
}

const attemptsAt = (node: DevnetNode, jobId: bigint) =>
  query<{ attempt: number; status: string; error: string | null; sealed: number }>(
    node.databaseFile,
    'SELECT attempt, status, error, sealed_share IS NOT NULL AS sealed FROM jobs WHERE job_id = ? ORDER BY attempt',
    jobId.toString(),
  )

const outboxKeys = (devnet: Devnet, jobId: bigint) =>
  query<{ key: string }>(
    devnet.bridgeDatabaseFile,
    "SELECT key FROM outbox WHERE key LIKE '%:' || ? || '%'",
    jobId.toString(),
  ).map((row) => row.key)

/**
 * A chain reorganisation that drops a job request, through the real processes: anvil's
 * `evm_snapshot`/`evm_revert` takes the request's block (and those on top) off the chain. The
 * nodes wait for 2 confirmations, the bridge for none, so the bridge sees requests the nodes do
 * not act on yet. Nobody computes or pays for a dropped request; the job id, reused by the next
 * request on the new branch, settles from a fresh attempt that the new buyer's key opens.
 */
describe('a reorganisation that drops a job request', () => {
  const devnetOf = useDevnet({
    name: 'reorg',
    sellers: 3,
    confirmations: { nodes: 2, bridges: 0 },
  })
  let poolId: bigint

  it('seen by the bridge only: the bridge marks it dropped, nothing is computed, sent or paid', async () => {
    const devnet = devnetOf()
    const test = testClient(devnet)
    poolId = await createValuePool(devnet)
    await contributeValues(devnet, poolId, values)
    await test.mine({ blocks: 2 })
    const balance = await tokenBalance(devnet, devnet.accounts.buyer.account.address)

    const snapshot = await test.snapshot()
    const job = await requestSum(devnet, poolId)
    // The bridge hands it over; the nodes answer that it lacks confirmations, and record nothing.
    const waiting = await waitForBridge(
      devnet,
      job.jobId,
      (view) => view.status === 'computing' && /confirmations/.test(view.reason ?? ''),
    )
    assert.equal(waiting.status, 'computing', JSON.stringify(waiting))
    await test.revert({ id: snapshot })
    // On the new branch the chain grows past where the request was, without it.
    await test.mine({ blocks: 4 })

    const dropped = await waitForBridge(devnet, job.jobId, (view) => view.status === 'dropped')
    assert.equal(dropped.status, 'dropped')
    assert.match(
      dropped.reason ?? '',
      /left the chain in a reorganisation; nobody computes or pays/,
    )
    await sleep(2_000)
    assert.equal(
      (await waitForBridge(devnet, job.jobId, () => true)).status,
      'dropped',
      'still dropped',
    )
    for (const node of devnet.nodes) assert.deepEqual(attemptsAt(node, job.jobId), [])
    assert.deepEqual(outboxKeys(devnet, job.jobId), [], 'the bridge sent nothing for it')
    assert.deepEqual(await settlementsOf(devnet, job.jobId), { completed: 0, refunded: 0 })
    assert.equal(await tokenBalance(devnet, devnet.accounts.buyer.account.address), balance)

    // The next request on the new branch reuses the job id: it settles once, from attempt ≥ 1.
    const again = await requestSum(devnet, poolId)
    assert.equal(again.jobId, job.jobId)
    await test.mine({ blocks: 2 })
    const { sum: opened, attempt } = await again.result()
    assert.equal(opened, sum)
    assert.ok(attempt >= 1, `settled from attempt ${attempt}, not the dropped request's`)
    assert.deepEqual(await settlementsOf(devnet, job.jobId), { completed: 1, refunded: 0 })
    assert.equal(
      await tokenBalance(devnet, devnet.accounts.buyer.account.address),
      balance - devPrice,
    )
    const settled = await waitForBridge(devnet, job.jobId, (view) => view.status === 'settled')
    assert.equal(settled.status, 'settled')
  })

  it('computed by the nodes: the reorganisation voids their signed shares; the reused id settles from a fresh attempt', async () => {
    const devnet = devnetOf()
    const test = testClient(devnet)
    const bridge = devnet.bridges[0]!
    const balance = await tokenBalance(devnet, devnet.accounts.buyer.account.address)

    // The bridge is frozen throughout, so only the nodes see the request; the test hands it over.
    bridge.kill('SIGSTOP')
    let jobId: bigint
    try {
      const snapshot = await test.snapshot()
      const job = await requestSum(devnet, poolId)
      jobId = job.jobId
      await test.mine({ blocks: 2 })
      for (const node of devnet.nodes) {
        await until(async () => {
          const response = await fetchPinned(`${node.apiUrl}/v1/jobs/${job.jobId}?attempt=0`, {
            method: 'POST',
            fingerprint: node.tlsFingerprint,
          })
          return response.status === 202
        }, 'the node to take the job')
      }
      await until(
        async () =>
          (await Promise.all(devnet.nodes.map((node) => nodeReport(node, job.jobId, 0)))).every(
            (status) => status === 'done',
          ),
        'the nodes to compute attempt 0',
      )

      await test.revert({ id: snapshot })
      await test.mine({ blocks: 4 })
      for (const node of devnet.nodes) {
        await until(
          () => attemptsAt(node, job.jobId)[0]?.status === 'failed',
          'the node to void attempt 0',
        )
        assert.deepEqual(attemptsAt(node, job.jobId), [
          {
            attempt: 0,
            status: 'failed',
            error: 'the job request was dropped by a chain reorganisation',
            sealed: 0,
          },
        ])
        assert.equal(await nodeReport(node, job.jobId, 0), 'failed')
      }
    } finally {
      bridge.kill('SIGCONT')
    }
    assert.deepEqual(await settlementsOf(devnet, jobId), { completed: 0, refunded: 0 })
    assert.equal(await tokenBalance(devnet, devnet.accounts.buyer.account.address), balance)

    // The same id requested again, with a new result key: attempt 0's shares (sealed to the
    // dropped request's key) are never handed out; a fresh attempt settles and opens.
    const again = await requestSum(devnet, poolId)
    assert.equal(again.jobId, jobId)
    await test.mine({ blocks: 2 })
    const { sum: opened, attempt } = await again.result()
    assert.equal(opened, sum)
    assert.ok(attempt >= 1, `settled from attempt ${attempt}`)
    assert.deepEqual(await settlementsOf(devnet, jobId), { completed: 1, refunded: 0 })
    assert.equal(
      await tokenBalance(devnet, devnet.accounts.buyer.account.address),
      balance - devPrice,
    )
  })
})
