import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { installErrorHandler } from '../http/installErrorHandler.ts'
import { parseJobId } from '../http/parseIds.ts'
import type { BridgeStore } from './store.ts'

/**
 * Builds the bridge's HTTP API without listening.
 *
 * - `GET /health`: liveness and the next block the bridge will scan.
 * - `GET /v1/jobs/:jobId`: the job's progress (queued, computing, refused, submitted, settled,
 *   refunded), its MPC attempt, the transaction that settled or refunded it, and the reason for
 *   the last failure, in words.
 */
export function buildBridgeApi(
  store: BridgeStore,
  options: { logger: Logger; deployBlock: bigint },
): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    disableRequestLogging: true,
  })
  installErrorHandler(app, options.logger)
  app.get('/health', async () => ({
    status: 'ok',
    nextBlock: store.nextBlock(options.deployBlock).toString(),
  }))
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
