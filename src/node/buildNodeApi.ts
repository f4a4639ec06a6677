import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { bytesToHex } from 'viem'
import { TriadError } from '../errors/index.ts'
import { installErrorHandler } from '../http/installErrorHandler.ts'
import { parseAttempt, parseJobId } from '../http/parseIds.ts'
import { partyIndices } from '../mpc/sharing/index.ts'
import { MAX_UPLOAD_BYTES, uploadRequestSchema } from '../protocol/uploadRequest.ts'
import { acceptUpload } from './acceptUpload.ts'
import type { JobRunner } from './JobRunner.ts'
import { publicIdentityOf } from './keys.ts'
import type { NodeContext } from './NodeContext.ts'

/**
 * Builds the node's HTTP API without listening, so tests can `inject()` requests.
 *
 * - `GET /health`: liveness and the peers' connection state.
 * - `GET /v1/identity`: the node's public keys, as registered in its committee.
 * - `POST /v1/uploads`: a seller's sealed shares; answers with the node's signed receipt.
 * - `POST /v1/jobs/:jobId?attempt=N`: a bridge hands over an attempt of a job; the node checks
 *   the job on chain itself and answers 202, or the reason it refuses (404, 403).
 * - `GET /v1/jobs/:jobId?attempt=N`: that attempt's state here, with the sealed share and
 *   signature when done.
 */
export function buildNodeApi(context: NodeContext, jobs: JobRunner): FastifyInstance {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: MAX_UPLOAD_BYTES,
    disableRequestLogging: true,
  })

  installErrorHandler(app, context.logger)

  app.get('/health', async () => ({
    status: 'ok',
    index: context.index,
    peers: partyIndices
      .filter((peer) => peer !== context.index)
      .map((peer) => ({ index: peer, connected: context.network.isConnected(peer) })),
  }))

  app.get('/v1/identity', async () => ({ index: context.index, ...publicIdentityOf(context.keys) }))

  app.post('/v1/uploads', async (request) => {
    const parsed = uploadRequestSchema.safeParse(request.body)
    if (!parsed.success) {
      throw new TriadError('TRIAD_ERR_UPLOAD_REJECTED', 'The upload request is malformed', {
        details: parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
          .join('; '),
        hint: 'Build uploads with the SDK (prepareContribution) or follow docs/architecture.md.',
      })
    }
    return acceptUpload(context, parsed.data)
  })

  app.post<{ Params: JobParams; Querystring: AttemptQuery }>(
    '/v1/jobs/:jobId',
    async (request, reply) => {
      const jobId = parseJobId(request.params.jobId)
      const attempt = parseAttempt(request.query.attempt)
      const outcome = await jobs.handOver(jobId, attempt)
      return reply.status(202).send({ jobId: jobId.toString(), attempt, outcome })
    },
  )

  app.get<{ Params: JobParams; Querystring: AttemptQuery }>(
    '/v1/jobs/:jobId',
    async (request, reply) => {
      const jobId = parseJobId(request.params.jobId)
      const attempt = parseAttempt(request.query.attempt)
      const state = context.store.jobState(jobId, attempt)
      const base = { jobId: jobId.toString(), attempt }
      if (!state) return reply.status(404).send({ ...base, status: 'unknown' })
      switch (state.status) {
        case 'computing':
          return { ...base, status: 'computing' }
        case 'failed':
          return { ...base, status: 'failed', error: state.error, retryable: state.retryable }
        case 'done':
          return {
            ...base,
            status: 'done',
            sealedShare: bytesToHex(state.sealedShare),
            signature: state.signature,
          }
      }
    },
  )

  return app
}

interface JobParams {
  jobId: string
}
interface AttemptQuery {
  attempt?: string
}
