import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { sumAlgorithm } from '../src/algorithms/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { openResult } from '../src/client/openResult.ts'
import { prepareContribution } from '../src/client/prepareContribution.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import type { Devnet, DevnetNode } from '../src/devnet/startDevnet.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import { readNodeKeys } from '../src/node/keys.ts'
import { marketOf, metricValue, useDevnet, waitForBridge } from './support/devnetSuite.ts'
import { runTriad } from './support/runTriad.ts'

/** One JSON log line as pino writes it. */
interface LogLine {
  time: number
  level: number
  msg: string
  jobId?: string
  attempt?: number
  [field: string]: unknown
}

const logLines = (file: string): LogLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)

const nodeGet = (node: DevnetNode, path: string) =>
  fetchPinned(`${node.apiUrl}${path}`, { fingerprint: node.tlsFingerprint })

/** Opens a service's SQLite file again after its process stopped: it must be whole. */
function reopen<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file)
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    return read(db)
  } finally {
    db.close()
  }
}

/**
 * The node and the bridge as an operator runs them, through the real processes: encrypted key
 * files, the sellers' API on HTTPS pinned to the certificate on chain, readiness at /healthz,
 * Prometheus metrics at /metrics, JSON logs with the job id on every line of a job, no key in
 * any log, and a clean exit 0 on SIGTERM, mid-job included, with the SQLite files consistent.
 */
describe('node and bridge as operable services', () => {
  // Node 2 serves /metrics on a separate plain-HTTP listener, as behind a private interface.
  const devnetOf = useDevnet({
    name: 'operations',
    sellers: 3,
    encryptNodeKeys: true,
    metricsListeners: [2],
  })
  const values = [[3n, 4n], [5n], [6n, 7n, 8n]]
  const sum = 33n
  let jobId: bigint
  let requestedAt: number
  let settledAt: number

  async function runJob(devnet: Devnet, poolId: bigint) {
    const market = marketOf(devnet)
    const { buyer } = devnet.accounts
    const fromBlock = await buyer.getBlockNumber()
    const job = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: sumAlgorithm.id,
      params: { column: 'value' },
    })
    return {
      jobId: job.jobId,
      async result() {
        const delivery = await waitForResult(buyer, {
          market: market.market,
          jobId: job.jobId,
          fromBlock,
        })
        const [opened] = await openResult({
          market,
          jobId: job.jobId,
          sealedShares: delivery.sealedShares,
          privateKey: job.resultKey.privateKey,
        })
        return opened
      },
    }
  }

  let poolId: bigint

  it('runs a market round over HTTPS with encrypted node keys; bad uploads are refused', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    poolId = await createValuePool(devnet)
    for (const [index, seller] of devnet.accounts.sellers.entries()) {
      await contributeRows(seller, {
        market,
        poolId,
        data: { rows: values[index]!.map((value) => ({ value })) },
      })
    }
    // Two refused uploads at node 0: one in another seller's name, one for an unknown pool.
    const node0 = devnet.nodes[0]!
    const prepared = await prepareContribution(devnet.accounts.sellers[0]!, {
      market,
      poolId,
      data: { rows: [{ value: 1n }] },
    })
    const post = (body: unknown) =>
      fetchPinned(`${node0.apiUrl}/v1/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        fingerprint: node0.tlsFingerprint,
      })
    const forged = await post({
      ...prepared.uploads[0],
      seller: devnet.accounts.sellers[1]!.account.address,
    })
    assert.equal(forged.status, 401)
    const unknownPool = await post({ ...prepared.uploads[0], poolId: '999' })
    assert.equal(unknownPool.status, 404)

    requestedAt = Date.now()
    const job = await runJob(devnet, poolId)
    jobId = job.jobId
    assert.equal(await job.result(), sum)
    const settled = await waitForBridge(devnet, jobId, (view) => view.status === 'settled')
    assert.equal(settled.status, 'settled')
    settledAt = Date.now()
  })

  it('answers /healthz: ready, the chain reachable, both peers connected', async () => {
    const devnet = devnetOf()
    for (const [index, node] of devnet.nodes.entries()) {
      const response = await nodeGet(node, '/healthz')
      assert.equal(response.status, 200)
      const health = (await response.json()) as {
        ready: boolean
        live: boolean
        index: number
        chain: { reachable: boolean; block?: string }
        peers: { index: number; connected: boolean }[]
        watcher: { lagBlocks: number | null; failures: number }
      }
      assert.equal(health.ready, true)
      assert.equal(health.live, true)
      assert.equal(health.index, index)
      assert.equal(health.chain.reachable, true)
      assert.ok(BigInt(health.chain.block!) > 0n)
      assert.deepEqual(
        health.peers.map((peer) => peer.connected),
        [true, true],
      )
      // The chain watcher keeps up and has not failed.
      assert.ok(health.watcher.lagBlocks !== null && health.watcher.lagBlocks < 5)
      assert.equal(health.watcher.failures, 0)
    }
    const ops = await fetch(`${devnet.nodes[2]!.metricsUrl}/healthz`)
    assert.equal(ops.status, 200)
    assert.equal(((await ops.json()) as { ready: boolean }).ready, true)
    const bridge = await fetch(`${devnet.bridgeUrl}/healthz`)
    assert.equal(bridge.status, 200)
    const health = (await bridge.json()) as { ready: boolean; lagBlocks: number | null }
    assert.equal(health.ready, true)
    assert.ok(health.lagBlocks !== null && health.lagBlocks < 50, `lag ${health.lagBlocks}`)
  })

  it('exposes Prometheus metrics at /metrics on every node and the bridge', async () => {
    const devnet = devnetOf()
    // Node 2 has a separate listener: its public API does not serve /metrics.
    assert.equal((await nodeGet(devnet.nodes[2]!, '/metrics')).status, 404)
    for (const [index, node] of devnet.nodes.entries()) {
      const response = node.metricsUrl
        ? await fetch(`${node.metricsUrl}/metrics`)
        : await nodeGet(node, '/metrics')
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/)
      const text = await response.text()
      assert.equal(metricValue(text, 'triad_node_uploads_accepted_total'), values.length)
      assert.equal(metricValue(text, 'triad_node_jobs', { state: 'done' }), 1)
      assert.equal(metricValue(text, 'triad_node_jobs', { state: 'computing' }), 0)
      assert.equal(
        metricValue(text, 'triad_node_job_duration_seconds_count', { outcome: 'done' }),
        1,
      )
      for (const peer of [0, 1, 2].filter((other) => other !== index)) {
        const labels = { peer: String(peer) }
        assert.ok(metricValue(text, 'triad_node_mpc_bytes_sent_total', labels)! > 0)
        assert.ok(metricValue(text, 'triad_node_mpc_bytes_received_total', labels)! > 0)
        assert.equal(metricValue(text, 'triad_node_mpc_peer_connected', labels), 1)
      }
      assert.ok(metricValue(text, 'process_resident_memory_bytes')! > 0)
      if (index === 0) {
        assert.equal(
          metricValue(text, 'triad_node_uploads_rejected_total', {
            reason: 'TRIAD_ERR_UPLOAD_UNAUTHENTICATED',
          }),
          1,
        )
        assert.equal(
          metricValue(text, 'triad_node_uploads_rejected_total', {
            reason: 'TRIAD_ERR_POOL_UNKNOWN',
          }),
          1,
        )
        // Reading the unknown pool reverted: counted as an RPC error of its kind.
        assert.ok(
          metricValue(text, 'triad_node_chain_rpc_errors_total', {
            method: 'eth_call',
            kind: 'reverted',
          })! >= 1,
        )
      } else {
        assert.equal(metricValue(text, 'triad_node_uploads_rejected_total'), undefined)
      }
    }
    const bridge = await (await fetch(`${devnet.bridgeUrl}/metrics`)).text()
    assert.equal(metricValue(bridge, 'triad_bridge_submissions_total', { outcome: 'settled' }), 1)
    assert.ok(metricValue(bridge, 'triad_bridge_gas_used_total', { tx: 'submitResult' })! > 100_000)
    assert.equal(metricValue(bridge, 'triad_bridge_jobs', { state: 'settled' }), 1)
    assert.equal(metricValue(bridge, 'triad_bridge_job_duration_seconds_count'), 1)
    assert.ok(metricValue(bridge, 'triad_bridge_watcher_next_block')! > 0)
    assert.equal(metricValue(bridge, 'triad_bridge_watcher_reorgs_total'), 0)
    assert.equal(metricValue(bridge, 'triad_bridge_transactions_pending'), 0)
    assert.match(bridge, /# TYPE triad_bridge_chain_rpc_errors_total counter/)
  })

  it('puts the job id and attempt on every log line emitted while the job ran', () => {
    const devnet = devnetOf()
    const during = (file: string) =>
      logLines(file).filter((line) => line.time >= requestedAt && line.time <= settledAt)
    for (const node of devnet.nodes) {
      const lines = during(node.logFile)
      assert.ok(lines.length >= 3, `only ${lines.length} lines in ${node.logFile}`)
      for (const line of lines) {
        assert.equal(line.jobId, jobId.toString(), JSON.stringify(line))
        assert.equal(typeof line.attempt, 'number', JSON.stringify(line))
      }
      assert.ok(lines.some((line) => line.msg === 'job computed, share sealed and signed'))
    }
    const bridgeLines = during(devnet.bridgeLogFile)
    assert.ok(bridgeLines.some((line) => line.msg.startsWith('result submitted')))
    for (const line of bridgeLines) assert.equal(line.jobId, jobId.toString(), JSON.stringify(line))
  })

  it('never writes a key or a passphrase to a log', async () => {
    const devnet = devnetOf()
    const logs = [...devnet.nodes.map((node) => node.logFile), devnet.bridgeLogFile]
      .map((file) => readFileSync(file, 'utf8').toLowerCase())
      .join('\n')
    for (const node of devnet.nodes) {
      assert.ok(node.passphrase, 'the devnet encrypted the key file')
      assert.match(readFileSync(node.keysFile, 'utf8'), /"triad-node-keystore"/)
      const keys = await readNodeKeys(node.keysFile, { passphrase: node.passphrase })
      const secrets = [
        keys.signingKey.slice(2),
        keys.sealing.privateKey.slice(2),
        ...keys.tls.keyPem.split('\n').filter((line) => line.length > 40),
        node.passphrase,
      ]
      for (const secret of secrets) {
        assert.ok(!logs.includes(secret.toLowerCase()), 'a secret is in a log')
      }
    }
    assert.ok(!/private key-----/.test(logs))
  })

  it('`triad node backup` copies a running node’s database into a consistent 0600 file', async () => {
    const devnet = devnetOf()
    const node = devnet.nodes[0]!
    const file = join(devnet.stateDir, 'node-0-backup.sqlite')
    const { code, stdout, stderr } = await runTriad([
      'node',
      'backup',
      '--config',
      node.configFile,
      '--to',
      file,
    ])
    assert.equal(code, 0, stderr)
    assert.match(stdout, new RegExp(`^Backed up ${values.length} uploads and 1 job attempts to `))
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const uploads = reopen(
      file,
      (db) => (db.prepare('SELECT COUNT(*) AS n FROM uploads').get() as { n: number }).n,
    )
    assert.equal(uploads, values.length)
    // The node kept running.
    assert.equal((await nodeGet(node, '/healthz')).status, 200)
  })

  it('refuses a second node or bridge process on the same data folder, changing nothing', async () => {
    const devnet = devnetOf()
    const node = devnet.nodes[0]!
    const second = await runTriad(['node', 'start', '--config', node.configFile], {
      env: { TRIAD_NODE_PASSPHRASE: node.passphrase! },
    })
    assert.equal(second.code, 1)
    assert.match(
      second.stderr,
      /^error TRIAD_ERR_DATA_DIR_LOCKED: Another node process \(pid \d+\)/,
    )
    const bridge = await runTriad([
      'bridge',
      'start',
      '--config',
      join(devnet.stateDir, 'bridge', 'bridge.json'),
    ])
    assert.equal(bridge.code, 1)
    assert.match(bridge.stderr, /^error TRIAD_ERR_DATA_DIR_LOCKED: Another bridge process/)
    const jobs = reopen(node.databaseFile, (db) => db.prepare('SELECT status FROM jobs').all())
    assert.deepEqual(jobs, [{ status: 'done' }])
    assert.equal((await nodeGet(node, '/healthz')).status, 200)
  })

  it('SIGTERM mid-job: node and bridge exit 0, the attempt fails cleanly, and the job settles after their restart', async () => {
    const devnet = devnetOf()
    const [, node, frozen] = devnet.nodes as [DevnetNode, DevnetNode, DevnetNode]
    // Freeze node 2 so the job's MPC session waits on it: the attempt is surely under way at
    // node 1 when node 1 gets SIGTERM.
    frozen.kill('SIGSTOP')
    const job = await runJob(devnet, poolId)
    const deadline = Date.now() + 20_000
    let status = 'unknown'
    while (status !== 'computing' && Date.now() < deadline) {
      const response = await nodeGet(node, `/v1/jobs/${job.jobId}?attempt=0`)
      status = ((await response.json()) as { status: string }).status
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(status, 'computing')

    // The bridge stops at its next pause; the job stays on its books where it was.
    assert.deepEqual(await devnet.stopBridge(), { code: 0, signal: null })
    const onBooks = reopen(
      devnet.bridgeDatabaseFile,
      (db) =>
        db
          .prepare('SELECT status, attempt FROM relay_jobs WHERE job_id = ?')
          .get(job.jobId.toString()) as {
          status: string
          attempt: number
        },
    )
    assert.deepEqual(onBooks, { status: 'computing', attempt: 0 })

    const exit = await node.stop()
    assert.deepEqual(exit, { code: 0, signal: null })
    // Node 0 is live but not ready: a peer it needs for every job is gone.
    const health = await nodeGet(devnet.nodes[0]!, '/healthz')
    assert.equal(health.status, 503)
    const body = (await health.json()) as {
      live: boolean
      ready: boolean
      peers: { index: number; connected: boolean }[]
    }
    assert.deepEqual([body.live, body.ready], [true, false])
    assert.equal(body.peers.find((peer) => peer.index === 1)?.connected, false)
    const rows = reopen(node.databaseFile, (db) => ({
      uploads: (db.prepare('SELECT COUNT(*) AS n FROM uploads').get() as { n: number }).n,
      jobs: db
        .prepare('SELECT attempt, status, error, retryable FROM jobs WHERE job_id = ?')
        .all(job.jobId.toString()) as {
        attempt: number
        status: string
        error: string
        retryable: number
      }[],
    }))
    assert.equal(rows.uploads, values.length)
    // The attempt under way failed, retryable, so the bridge starts the next one.
    assert.equal(rows.jobs.length, 1)
    assert.deepEqual(
      { ...rows.jobs[0], error: undefined },
      { attempt: 0, status: 'failed', error: undefined, retryable: 1 },
    )
    assert.match(rows.jobs[0]!.error, /^interrupted by the node's shutdown/)
    const stopping = logLines(node.logFile).filter((line) => /^node stop/.test(line.msg))
    assert.deepEqual(
      stopping.map((line) => [line.msg, line.jobsRunning ?? line.jobsFailedOrFinished]),
      [
        ['node stopping', 1],
        ['node stopped', 1],
      ],
    )

    frozen.kill('SIGCONT')
    await node.restart()
    await devnet.restartBridge()
    assert.equal(await job.result(), sum)
  })

  it('SIGTERM: every node and the bridge exit 0 and their databases reopen consistent', async () => {
    const devnet = devnetOf()
    // The buyer saw the last job settle; let the bridge's watcher read it too before it stops.
    const deadline = Date.now() + 15_000
    const settledAtBridge = async () =>
      metricValue(await (await fetch(`${devnet.bridgeUrl}/metrics`)).text(), 'triad_bridge_jobs', {
        state: 'settled',
      })
    while ((await settledAtBridge()) !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const bridgeExit = await devnet.stopBridge()
    assert.deepEqual(bridgeExit, { code: 0, signal: null })
    const jobs = reopen(devnet.bridgeDatabaseFile, (db) => ({
      settled: (
        db.prepare("SELECT COUNT(*) AS n FROM relay_jobs WHERE status = 'settled'").get() as {
          n: number
        }
      ).n,
      cursor: (
        db.prepare('SELECT next_block FROM watcher_position').get() as { next_block: number }
      ).next_block,
    }))
    assert.equal(jobs.settled, 2)
    assert.ok(BigInt(jobs.cursor) > 0n)
    assert.ok(logLines(devnet.bridgeLogFile).some((line) => line.msg === 'bridge stopped'))

    for (const node of devnet.nodes) {
      assert.deepEqual(await node.stop(), { code: 0, signal: null })
      const counts = reopen(node.databaseFile, (db) => ({
        uploads: (db.prepare('SELECT COUNT(*) AS n FROM uploads').get() as { n: number }).n,
        computing: (
          db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status = 'computing'").get() as {
            n: number
          }
        ).n,
      }))
      assert.deepEqual(counts, { uploads: values.length, computing: 0 })
    }
  })
})
