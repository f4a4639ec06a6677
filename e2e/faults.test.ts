import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { sleep } from '../src/async/sleep.ts'
import { createValuePool, devPrice } from '../src/devnet/createValuePool.ts'
import type { Devnet, DevnetNode } from '../src/devnet/startDevnet.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import { metricValue, useDevnet, waitForBridge } from './support/devnetSuite.ts'
import { contributeValues, requestSum, settlementsOf, tokenBalance } from './support/marketJobs.ts'

const values = [[10n, 20n], [30n], [40n, 50n, 60n]]
const sum = 210n

/** Reads a service's SQLite file while its process runs (WAL readers do not block it). */
function query<T>(file: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

const uploadsAt = (node: DevnetNode) =>
  query<{ n: number }>(node.databaseFile, 'SELECT COUNT(*) AS n FROM uploads')[0]!.n

async function nodeAttempt(node: DevnetNode, jobId: bigint, attempt: number): Promise<string> {
  const response = await fetchPinned(`${node.apiUrl}/v1/jobs/${jobId}?attempt=${attempt}`, {
    fingerprint: node.tlsFingerprint,
  }).catch(() => undefined)
  if (!response) return 'unreachable'
  return ((await response.json()) as { status: string }).status
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

/** The buyer paid exactly `jobs` prices; each job settled once and was never refunded. */
async function paidOnce(devnet: Devnet, jobIds: readonly bigint[], before: bigint) {
  const after = await tokenBalance(devnet, devnet.accounts.buyer.account.address)
  assert.equal(before - after, devPrice * BigInt(jobIds.length))
  for (const jobId of jobIds) {
    assert.deepEqual(await settlementsOf(devnet, jobId), { completed: 1, refunded: 0 })
  }
}

/**
 * Crashes and outages through the real processes: a node and the bridge killed with SIGKILL in
 * the middle of a job and restarted, and the chain's RPC cut for 30 s. Each job settles exactly
 * once with the right result, no share is lost, nothing is paid twice.
 */
describe('crashes and an RPC outage', () => {
  const devnetOf = useDevnet({ name: 'faults', sellers: 3, rpcProxy: true })
  let poolId: bigint

  it('kill -9 of a node mid-job: restarted, the job settles once and no share is lost', async () => {
    const devnet = devnetOf()
    poolId = await createValuePool(devnet)
    await contributeValues(devnet, poolId, values)
    const [, victim, frozen] = devnet.nodes as [DevnetNode, DevnetNode, DevnetNode]
    const uploads = devnet.nodes.map(uploadsAt)
    assert.deepEqual(uploads, [3, 3, 3])
    const balance = await tokenBalance(devnet, devnet.accounts.buyer.account.address)

    // Node 2 frozen: the session waits on it, so the attempt is surely under way at node 1.
    frozen.kill('SIGSTOP')
    const job = await requestSum(devnet, poolId)
    await until(
      async () => (await nodeAttempt(victim, job.jobId, 0)) === 'computing',
      'node 1 computing attempt 0',
    )
    victim.kill('SIGKILL')
    frozen.kill('SIGCONT')
    await victim.restart()

    const { sum: opened, attempt } = await job.result()
    assert.equal(opened, sum)
    assert.ok(attempt >= 1, `settled from attempt ${attempt}, after the lost one`)
    const lost = query<{ status: string; error: string }>(
      victim.databaseFile,
      'SELECT status, error FROM jobs WHERE job_id = ? AND attempt = 0',
      job.jobId.toString(),
    )
    assert.deepEqual(lost, [{ status: 'failed', error: 'interrupted by a node restart' }])
    assert.deepEqual(devnet.nodes.map(uploadsAt), uploads, 'no share lost')
    const view = await waitForBridge(devnet, job.jobId, (bridge) => bridge.status === 'settled')
    assert.equal(view.status, 'settled')
    await paidOnce(devnet, [job.jobId], balance)
  })

  it('kill -9 of the bridge mid-job: restarted, it resumes and settles the job once', async () => {
    const devnet = devnetOf()
    const [bridge] = devnet.bridges
    const frozen = devnet.nodes[2]!
    const balance = await tokenBalance(devnet, devnet.accounts.buyer.account.address)
    const nonce = () =>
      devnet.accounts.deployer.getTransactionCount({ address: bridge!.account, blockTag: 'latest' })
    const noncesBefore = await nonce()

    frozen.kill('SIGSTOP')
    const job = await requestSum(devnet, poolId)
    const computing = await waitForBridge(devnet, job.jobId, (view) => view.status === 'computing')
    assert.equal(computing.status, 'computing')
    bridge!.kill('SIGKILL')
    frozen.kill('SIGCONT')
    // While the bridge is down the nodes finish the attempt they were handed.
    await until(
      async () =>
        (await Promise.all(devnet.nodes.map((node) => nodeAttempt(node, job.jobId, 0)))).every(
          (status) => status === 'done',
        ),
      'the nodes to finish attempt 0',
    )
    await bridge!.restart()
    const { sum: opened, attempt } = await job.result()
    assert.equal(opened, sum)
    assert.equal(attempt, 0, 'the restarted bridge took up the same attempt')
    await waitForBridge(devnet, job.jobId, (view) => view.status === 'settled')
    await paidOnce(devnet, [job.jobId], balance)
    assert.equal(await nonce(), noncesBefore + 1, 'one transaction from the bridge')
  })

  it('a 30 s RPC outage: nodes and bridge wait it out, stay up, and the job settles once', async () => {
    const devnet = devnetOf()
    const proxy = devnet.rpcProxy!
    const balance = await tokenBalance(devnet, devnet.accounts.buyer.account.address)
    const pids = () => devnet.nodes.map((node) => node.pid)

    await proxy.stop()
    const started = Date.now()
    // The buyer reaches the chain directly: the job is requested while the services are cut off.
    const job = await requestSum(devnet, poolId)
    const pidsBefore = pids()
    await sleep(10_000)
    const node = await fetchPinned(`${devnet.nodes[0]!.apiUrl}/healthz`, {
      fingerprint: devnet.nodes[0]!.tlsFingerprint,
    })
    assert.equal(node.status, 503)
    const health = (await node.json()) as { chain: { reachable: boolean } }
    assert.equal(health.chain.reachable, false)
    assert.equal((await fetch(`${devnet.bridgeUrl}/healthz`)).status, 503)
    const during = await (await fetch(`${devnet.bridgeUrl}/v1/jobs/${job.jobId}`)).json()
    assert.equal((during as { status: string }).status, 'unknown', 'the bridge cannot see it yet')
    await sleep(Math.max(0, 30_000 - (Date.now() - started)))
    await proxy.start()

    const { sum: opened } = await job.result()
    assert.equal(opened, sum)
    assert.deepEqual(pids(), pidsBefore, 'no process restarted')
    await waitForBridge(devnet, job.jobId, (view) => view.status === 'settled')
    await paidOnce(devnet, [job.jobId], balance)
    const metrics = await (await fetch(`${devnet.bridgeUrl}/metrics`)).text()
    assert.ok(metricValue(metrics, 'triad_bridge_watcher_poll_failures_total')! >= 2)
    const bridgeHealth = await fetch(`${devnet.bridgeUrl}/healthz`)
    assert.equal(bridgeHealth.status, 200)
  })
})
