import type { Logger } from 'pino'
import { http } from 'viem'
import { sleep } from '../async/sleep.ts'
import { createTriadClient, getJobEvents } from '../chain/index.ts'
import { createNodeApiClient } from '../client/nodeApiClient.ts'
import { countRpcErrors } from '../observability/countRpcErrors.ts'
import { lockDataDir } from '../storage/lockDataDir.ts'
import { type BridgeMetrics, createBridgeMetrics } from './BridgeMetrics.ts'
import { buildBridgeApi } from './buildBridgeApi.ts'
import { type BridgeConfig, readBridgeKey } from './config.ts'
import { type RelayContext, relayJob } from './relayJob.ts'
import { BridgeStore } from './store.ts'

/** The most blocks one `eth_getLogs` scan asks for: public endpoints cap the range. */
const MAX_BLOCK_RANGE = 2_000n

export interface RunningBridge {
  readonly apiUrl: string
  readonly store: BridgeStore
  readonly metrics: BridgeMetrics
  /** Stops scanning, lets relays under way reach a safe point, closes connections and the store. */
  close(): Promise<void>
}

/**
 * Starts a bridge: it scans the market's job events from its saved cursor (in bounded block
 * ranges), relays every open job to its committee and submits the results, and serves job
 * progress at `GET /v1/jobs/:jobId`. Several bridges may run at once; the contract settles a job
 * only once.
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
  const metrics = createBridgeMetrics({
    jobStates: () =>
      store.open
        ? store.countJobs()
        : { queued: 0, computing: 0, refused: 0, submitted: 0, settled: 0, refunded: 0 },
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
  const app = buildBridgeApi(store, {
    logger,
    deployBlock: config.chain.deployBlock,
    chain: client,
    metrics,
    shutdown: shutdown.signal,
  })
  try {
    await app.listen({ host: config.api.host, port: config.api.port })
  } catch (error) {
    store.close()
    lock.release()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.api.port

  const inFlight = new Map<bigint, Promise<void>>()
  const nodeApi = createNodeApiClient({ shutdown: shutdown.signal })
  const relayContext: RelayContext = {
    client,
    market: config.chain.market,
    store,
    logger,
    pollIntervalMs: config.chain.pollIntervalMs,
    shutdown: shutdown.signal,
    nodeApi,
    metrics,
  }

  async function scan(): Promise<void> {
    const latest = await client.getBlockNumber({ cacheTime: 0 })
    metrics.chainHead.set(Number(latest))
    for (;;) {
      const fromBlock = store.nextBlock(config.chain.deployBlock)
      if (fromBlock > latest) return
      const toBlock =
        fromBlock + MAX_BLOCK_RANGE - 1n < latest ? fromBlock + MAX_BLOCK_RANGE - 1n : latest
      const { events } = await getJobEvents(client, {
        market: config.chain.market,
        fromBlock,
        toBlock,
      })
      for (const event of events) {
        if (event.kind === 'requested') {
          store.addJob(event.jobId, event.poolId, event.deadline)
          logger.info(
            { jobId: event.jobId.toString(), poolId: event.poolId.toString() },
            'job requested',
          )
        } else {
          const status = event.kind === 'completed' ? 'settled' : 'refunded'
          // The relay may have recorded this outcome already, with its reason: keep that.
          if (store.job(event.jobId)?.status === status) continue
          store.setStatus(event.jobId, status, { txHash: event.transactionHash })
        }
      }
      store.setNextBlock(toBlock + 1n)
      metrics.nextBlock.set(Number(toBlock + 1n))
    }
  }

  function relayOpenJobs(): void {
    for (const job of store.openJobs()) {
      if (inFlight.has(job.jobId)) continue
      const run = relayJob(relayContext, job)
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error)
          // A relay cut short by shutdown is picked up again from the store at the next start.
          if (!store.open) return
          store.setStatus(job.jobId, 'queued', { reason })
          logger.warn(
            { jobId: job.jobId.toString(), attempt: job.attempt, err: reason },
            'relay failed; will retry',
          )
        })
        .finally(() => inFlight.delete(job.jobId))
      inFlight.set(job.jobId, run)
    }
  }

  const loop = (async () => {
    while (!shutdown.signal.aborted) {
      try {
        await scan()
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'chain scan failed; retrying',
        )
      }
      relayOpenJobs()
      await sleep(config.chain.pollIntervalMs, shutdown.signal)
    }
  })()
  logger.info(
    { api: `http://${config.api.host}:${port}`, account: client.account.address },
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
        await loop
        // Each relay stops at its next pause; one sending a transaction waits for its receipt,
        // so the store records what was sent.
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
