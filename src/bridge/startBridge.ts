import Fastify from 'fastify'
import type { Logger } from 'pino'
import { createTriadClient, getJobEvents } from '../chain/index.ts'
import { type BridgeConfig, readBridgeKey } from './config.ts'
import { relayJob } from './relayJob.ts'
import { BridgeStore } from './store.ts'

export interface RunningBridge {
  readonly apiUrl: string
  readonly store: BridgeStore
  close(): Promise<void>
}

/**
 * Starts a bridge: it scans the market's job events from its saved cursor, relays every pending
 * job to its committee and submits the results, and serves job progress at
 * `GET /v1/jobs/:jobId`. Several bridges may run at once; the contract settles a job only once.
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

  async function tick(): Promise<void> {
    const { events, toBlock } = await getJobEvents(client, {
      market: config.chain.market,
      fromBlock: store.nextBlock(config.chain.deployBlock),
    })
    for (const event of events) {
      if (event.kind === 'requested') {
        store.addJob(event.jobId, event.poolId, event.deadline)
        logger.info(
          { jobId: event.jobId.toString(), poolId: event.poolId.toString() },
          'job requested',
        )
      } else if (event.kind === 'completed') {
        store.setStatus(event.jobId, 'settled', { txHash: event.transactionHash })
      } else {
        store.setStatus(event.jobId, 'refunded', { txHash: event.transactionHash })
      }
    }
    store.setNextBlock(toBlock + 1n)
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
        await tick()
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'chain scan failed; retrying',
        )
      }
      await new Promise((resolve) => setTimeout(resolve, config.chain.pollIntervalMs))
    }
  })()

  const app = Fastify({ loggerInstance: logger, disableRequestLogging: true })
  app.get('/health', async () => ({
    status: 'ok',
    nextBlock: store.nextBlock(config.chain.deployBlock).toString(),
  }))
  app.get<{ Params: { jobId: string } }>('/v1/jobs/:jobId', async (request, reply) => {
    if (!/^\d{1,78}$/.test(request.params.jobId)) {
      return reply
        .status(400)
        .send({ error: { code: 'TRIAD_ERR_BAD_REQUEST', message: 'A job id is a decimal number' } })
    }
    const job = store.job(BigInt(request.params.jobId))
    if (!job) return reply.status(404).send({ jobId: request.params.jobId, status: 'unknown' })
    return {
      jobId: job.jobId.toString(),
      poolId: job.poolId.toString(),
      status: job.status,
      txHash: job.txHash ?? null,
      reason: job.reason ?? null,
    }
  })
  await app.listen({ host: config.api.host, port: config.api.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.api.port
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
