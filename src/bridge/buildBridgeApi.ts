import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Logger } from 'pino'
import type { TriadReadClient } from '../chain/index.ts'
import { installErrorHandler } from '../http/installErrorHandler.ts'
import { parseJobId } from '../http/parseIds.ts'
import { probeChain } from '../observability/probeChain.ts'
import { registerHealthRoute } from '../observability/registerHealthRoute.ts'
import { registerMetricsRoute } from '../observability/registerMetricsRoute.ts'
import type { BridgeMetrics } from './BridgeMetrics.ts'
import type { BridgeStore } from './store.ts'

export interface BuildBridgeApiOptions {
  readonly logger: Logger
  readonly deployBlock: bigint
  readonly chain: TriadReadClient
  readonly metrics: BridgeMetrics
  readonly shutdown: AbortSignal
}

/**
 * Builds the bridge's HTTP API without listening.
 *
 * - `GET /healthz`: liveness and readiness: 200 when the chain answers, 503 (same body) when it
 *   does not or the bridge is stopping; with the next block to scan and how far behind it is.
 * - `GET /metrics`: Prometheus metrics.
 * - `GET /v1/jobs/:jobId`: the job's progress (queued, computing, refused, submitted, settled,
 *   refunded), its MPC attempt, the transaction that settled or refunded it, and the reason for
 *   the last failure, in words.
 */
export function buildBridgeApi(
  store: BridgeStore,
  options: BuildBridgeApiOptions,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  })
  installErrorHandler(app, options.logger)
  registerHealthRoute(app, async () => {
    const chain = await probeChain(options.chain)
    const nextBlock = store.open ? store.nextBlock(options.deployBlock) : undefined
    const shuttingDown = options.shutdown.aborted
    return {
      ready: chain.reachable && !shuttingDown,
      chain,
      nextBlock: nextBlock?.toString() ?? null,
      lagBlocks:
        chain.reachable && nextBlock !== undefined
          ? Math.max(0, Number(BigInt(chain.block) + 1n - nextBlock))
          : null,
      shuttingDown,
    }
  })
  registerMetricsRoute(app, options.metrics.registry)
  app.get<{ Params: { jobId: string } }>('/v1/jobs/:jobId', async (request, reply) => {
    const job = store.job(parseJobId(request.params.jobId))
    if (!job) return reply.status(404).send({ jobId: request.params.jobId, status: 'unknown' })
    return {
      jobId: job.jobId.toString(),
      poolId: job.poolId.toString(),
      status: job.status,
      attempt: job.attempt,
      txHash: job.txHash ?? null,
      reason: job.reason ?? null,
    }
  })
  return app
}
