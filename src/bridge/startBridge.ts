import type { Logger } from 'pino'
import { sleep } from '../async/sleep.ts'
import { createTriadClient, getJobEvents } from '../chain/index.ts'
import { buildBridgeApi } from './buildBridgeApi.ts'
import { type BridgeConfig, readBridgeKey } from './config.ts'
import { relayJob } from './relayJob.ts'
import { BridgeStore } from './store.ts'

/** The most blocks one `eth_getLogs` scan asks for: public endpoints cap the range. */
const MAX_BLOCK_RANGE = 2_000n

export interface RunningBridge {
  readonly apiUrl: string
  readonly store: BridgeStore
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
  const client = createTriadClient({
    rpcUrl: config.chain.rpcUrl,
    chainId: config.chain.chainId,
    privateKey: readBridgeKey(config.keyFile),
    pollingInterval: config.chain.pollIntervalMs,
  })
  const store = new BridgeStore(config.dataDir)
  const app = buildBridgeApi(store, { logger, deployBlock: config.chain.deployBlock })
  try {
    await app.listen({ host: config.api.host, port: config.api.port })
  } catch (error) {
    store.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.api.port

  const shutdown = new AbortController()
  const inFlight = new Map<bigint, Promise<void>>()
  const relayContext = {
    client,
    market: config.chain.market,
    store,
    logger,
    pollIntervalMs: config.chain.pollIntervalMs,
    shutdown: shutdown.signal,
  }

  async function scan(): Promise<void> {
    const latest = await client.getBlockNumber({ cacheTime: 0 })
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
          store.setStatus(event.jobId, event.kind === 'completed' ? 'settled' : 'refunded', {
            txHash: event.transactionHash,
          })
        }
      }
      store.setNextBlock(toBlock + 1n)
    }
  }

  function relayOpenJobs(): void {
    for (const job of store.openJobs()) {
      if (inFlight.has(job.jobId)) continue
      const run = relayJob(relayContext, job)
        .catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error)
          store.setStatus(job.jobId, 'queued', { reason })
          logger.warn({ jobId: job.jobId.toString(), err: reason }, 'relay failed; will retry')
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
  logger.info({ api: port }, 'bridge started')

  let closing: Promise<void> | undefined
  return {
    apiUrl: `http://${config.api.host}:${port}`,
    store,
    close() {
      closing ??= (async () => {
        shutdown.abort()
        await app.close()
        await loop
        await Promise.allSettled([...inFlight.values()])
        store.close()
        logger.info('bridge stopped')
      })()
      return closing
    },
  }
}
