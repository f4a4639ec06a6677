import type { Logger } from 'pino'
import { http, parseGwei } from 'viem'
import { getBlock } from 'viem/actions'
import { sleep } from '../async/sleep.ts'
import { createTriadClient, decodeTriadError } from '../chain/index.ts'
import { startChainWatcher } from '../chain/watcher/index.ts'
import { createNodeApiClient } from '../client/nodeApiClient.ts'
import { countRpcErrors } from '../observability/countRpcErrors.ts'
import { watcherHooks } from '../observability/createWatcherMetrics.ts'
import { lockDataDir } from '../storage/lockDataDir.ts'
import { type BridgeMetrics, createBridgeMetrics } from './BridgeMetrics.ts'
import { buildBridgeApi } from './buildBridgeApi.ts'
import { type BridgeConfig, readBridgeKey } from './config.ts'
import { createCommitteeDirectory } from './createCommitteeDirectory.ts'
import { type RelayContext, relayJob } from './relayJob.ts'
import { type BridgeJob, BridgeStore } from './store.ts'
import { TransactionOutbox } from './TransactionOutbox.ts'

/** A refused or submitted job is looked at again after this long (deadline, lost transaction). */
const REVISIT_MS = 30_000
/** How often the scheduler reads the chain's time (for deadlines). */
const CHAIN_TIME_EVERY_MS = 1_000
/** A relay that failed is started again after this long. */
const RELAY_RETRY_MS = 2_000

export interface RunningBridge {
  readonly apiUrl: string
  readonly store: BridgeStore
  readonly metrics: BridgeMetrics
  /** Stops watching, lets relays under way reach a safe point, closes connections and the store. */
  close(): Promise<void>
}

/**
 * Starts a bridge: its chain watcher follows the market's job events (`confirmations` deep,
 * reorganisations rolled back, resumed from the saved position), its scheduler relays open jobs
 * to their committees (at most `relay.maxJobsInFlight` at once) and sends results, refusals and
 * refunds through its transaction outbox (managed nonces, fee bumps, one send per job and
 * attempt), and it serves job progress at `GET /v1/jobs/:jobId`. Several bridges may run at
 * once; the contract settles a job only once, and a bridge that loses the race pays nothing.
 *
 * @example
 * const bridge = await startBridge(loadBridgeConfig('.triad/bridge/bridge.json'), { logger })
 */
export async function startBridge(
  config: BridgeConfig,
  options: { logger: Logger },
): Promise<RunningBridge> {
  const logger = options.logger.child({ component: 'bridge' })
  const privateKey = readBridgeKey(config.keyFile)
  // One bridge process per data folder (two bridges need two folders and may run at once).
  const lock = lockDataDir(config.dataDir, 'bridge')
  const store = new BridgeStore(config.dataDir)
  let outbox: TransactionOutbox | undefined
  const metrics = createBridgeMetrics({
    jobStates: () =>
      store.open
        ? store.countJobs()
        : {
            queued: 0,
            computing: 0,
            refused: 0,
            submitted: 0,
            settled: 0,
            refunded: 0,
            dropped: 0,
          },
    pendingTransactions: () => (store.open && outbox ? outbox.pending : 0),
  })
  const client = createTriadClient({
    rpcUrl: config.chain.rpcUrl,
    chainId: config.chain.chainId,
    privateKey,
    pollingInterval: config.chain.pollIntervalMs,
    transport: countRpcErrors(http(config.chain.rpcUrl), (method, kind) =>
      metrics.chainRpcErrors.inc({ method, kind }),
    ),
  })
  const shutdown = new AbortController()
  const sent = new TransactionOutbox({
    client,
    market: config.chain.market,
    db: store.database,
    logger: logger.child({ component: 'outbox' }),
    pollIntervalMs: Math.min(config.chain.pollIntervalMs, 250),
    bumpAfterMs: config.relay.bumpAfterMs,
    bumpPercent: config.relay.bumpPercent,
    ...(config.relay.maxFeePerGasGwei === undefined
      ? {}
      : { maxFeePerGasCap: parseGwei(String(config.relay.maxFeePerGasGwei)) }),
    onBump: (tx) => metrics.feeBumps.inc({ tx }),
  })
  outbox = sent
  const app = buildBridgeApi(store, {
    logger,
    deployBlock: config.chain.deployBlock,
    chain: client,
    metrics,
    shutdown: shutdown.signal,
  })
  try {
    await sent.start()
    await app.listen({ host: config.api.host, port: config.api.port })
  } catch (error) {
    await sent.stop()
    store.close()
    lock.release()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.api.port

  // New jobs wake the scheduler at once instead of at its next tick.
  let wake = new AbortController()
  const watcher = startChainWatcher(client, {
    market: config.chain.market,
    kinds: ['requested', 'completed', 'refused', 'refunded'],
    store: {
      position: () => store.position(),
      apply(update) {
        store.apply(update)
        for (const event of update.events) {
          if (event.kind === 'requested') {
            logger.info(
              { jobId: event.jobId.toString(), poolId: event.poolId.toString() },
              'job requested',
            )
          }
        }
        if (update.events.length > 0) wake.abort()
      },
      rollBack(fromBlock, position) {
        store.rollBack(fromBlock, position)
        wake.abort()
      },
    },
    startBlock: config.chain.deployBlock,
    confirmations: config.chain.confirmations,
    maxBlockRange: config.chain.maxBlockRange,
    pollIntervalMs: config.chain.pollIntervalMs,
    ...watcherHooks(logger.child({ component: 'watcher' }), metrics.watcher),
  })

  const inFlight = new Map<bigint, Promise<void>>()
  const retryAt = new Map<bigint, number>()
  const nodeApi = createNodeApiClient({ shutdown: shutdown.signal })
  let chainTime: bigint | undefined
  const relayContext: RelayContext = {
    client,
    market: config.chain.market,
    store,
    logger,
    pollIntervalMs: config.chain.pollIntervalMs,
    shutdown: shutdown.signal,
    nodeApi,
    committees: createCommitteeDirectory(client, config.chain.market, 30_000),
    outbox: sent,
    chainTime: () => chainTime,
    metrics,
  }

  /** Whether the scheduler should start a relay for an open job now. */
  function due(job: BridgeJob, now: number): boolean {
    if (inFlight.has(job.jobId) || (retryAt.get(job.jobId) ?? 0) > now) return false
    const expired = chainTime !== undefined && chainTime > job.deadline
    switch (job.status) {
      case 'queued':
      case 'computing':
        return true
      case 'refused':
        return now - job.updatedAt > REVISIT_MS || (expired && !job.txHash)
      case 'submitted':
        return now - job.updatedAt > REVISIT_MS
      default:
        return false
    }
  }

  function relayOpenJobs(): void {
    const now = Date.now()
    for (const job of store.openJobs()) {
      if (inFlight.size >= config.relay.maxJobsInFlight) return
      if (!due(job, now)) continue
      const run = relayJob(relayContext, job)
        .catch((error: unknown) => {
          // A relay cut short by shutdown is picked up again from the store at the next start.
          if (!store.open || shutdown.signal.aborted) return
          const reason = decodeTriadError(error).shortMessage
          retryAt.set(job.jobId, Date.now() + RELAY_RETRY_MS)
          store.setStatus(job.jobId, job.status === 'refused' ? 'refused' : 'queued', { reason })
          logger.warn(
            { jobId: job.jobId.toString(), attempt: job.attempt, err: reason },
            'relay failed; will retry',
          )
        })
        .finally(() => {
          inFlight.delete(job.jobId)
          // A free slot: look for the next job now.
          wake.abort()
        })
      inFlight.set(job.jobId, run)
    }
  }

  let chainTimeReadAt = 0
  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      // The chain's clock only decides refunds past deadlines: once a second is enough, however
      // often relays finishing wake the scheduler.
      if (Date.now() - chainTimeReadAt >= CHAIN_TIME_EVERY_MS) {
        try {
          chainTime = (await getBlock(client, { blockTag: 'latest' })).timestamp
          chainTimeReadAt = Date.now()
        } catch (error) {
          logger.warn(
            { err: decodeTriadError(error).shortMessage },
            'reading the chain time failed',
          )
        }
      }
      if (store.open) relayOpenJobs()
      await sleep(config.chain.pollIntervalMs, AbortSignal.any([shutdown.signal, wake.signal]))
      if (wake.signal.aborted) wake = new AbortController()
    }
  })()
  logger.info(
    {
      api: `http://${config.api.host}:${port}`,
      account: client.account.address,
      confirmations: config.chain.confirmations,
      nextBlock: store.nextBlock(config.chain.deployBlock).toString(),
      openJobs: store.openJobs().length,
    },
    'bridge started',
  )

  let closing: Promise<void> | undefined
  return {
    apiUrl: `http://${config.api.host}:${port}`,
    store,
    metrics,
    close() {
      closing ??= (async () => {
        logger.info({ relaysRunning: inFlight.size }, 'bridge stopping')
        shutdown.abort()
        await app.close()
        await watcher.stop()
        await loop
        // Each relay stops at its next pause. A transaction already signed is in the outbox:
        // it is broadcast again and watched at the next start.
        await sent.stop()
        await Promise.allSettled([...inFlight.values()])
        nodeApi.close()
        store.close()
        lock.release()
        logger.info('bridge stopped')
      })()
      return closing
    },
  }
}
