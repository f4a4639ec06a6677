import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { bytesToHex } from 'viem'
import { isTriadError, type TriadErrorCode } from '../errors/index.ts'
import { uploadRequestSchema } from '../protocol/uploadRequest.ts'
import { acceptUpload } from './acceptUpload.ts'
import type { JobRunner } from './JobRunner.ts'
import { publicIdentityOf } from './keys.ts'
import type { NodeContext } from './NodeContext.ts'

/** The largest upload body a node accepts: about a million rows of one column. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024

const statusOf: Partial<Record<TriadErrorCode, number>> = {
  TRIAD_ERR_UPLOAD_UNAUTHENTICATED: 401,
  TRIAD_ERR_POOL_UNKNOWN: 404,
  TRIAD_ERR_JOB_UNKNOWN: 404,
  TRIAD_ERR_JOB_NOT_AUTHORISED: 403,
}

/**
 * Builds the node's HTTP API without listening, so tests can `inject()` requests.
 *
 * - `GET /health`: liveness and the peers' connection state.
 * - `GET /v1/identity`: the node's public keys, as registered in its committee.
 * - `POST /v1/uploads`: a seller's sealed shares; answers with the node's signed receipt.
 * - `POST /v1/jobs/:jobId`: a bridge hands over a job; the node checks it on chain itself.
 * - `GET /v1/jobs/:jobId`: the job's state here, with the sealed share and signature when done.
 */
export function buildNodeApi(context: NodeContext, jobs: JobRunner): FastifyInstance {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: MAX_UPLOAD_BYTES,
    disableRequestLogging: true,
  })

  app.setErrorHandler((error, _request, reply) => {
    if (isTriadError(error)) {
      return reply.status(statusOf[error.code] ?? 400).send({
        error: {
          code: error.code,
          message: error.shortMessage,
          details: error.details,
          hint: error.hint,
        },
      })
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) context.logger.error({ err: error }, 'request failed')
    return reply.status(status).send({
      error: {
        code: status === 413 ? 'TRIAD_ERR_UPLOAD_TOO_LARGE' : 'TRIAD_ERR_BAD_REQUEST',
        message: (error as Error).message,
      },
    })
  })

  app.get('/health', async () => ({
    status: 'ok',
    index: context.index,
    peers: ([0, 1, 2] as const)
      .filter((peer) => peer !== context.index)
      .map((peer) => ({ index: peer, connected: context.network.isConnected(peer) })),
  }))

  app.get('/v1/identity', async () => ({ index: context.index, ...publicIdentityOf(context.keys) }))

  app.post('/v1/uploads', async (request, reply) => {
    const parsed = uploadRequestSchema.safeParse(request.body)
    if (!parsed.success) {
      return reply.status(400).send({
        error: {
          code: 'TRIAD_ERR_UPLOAD_REJECTED',
          message: 'The upload request is malformed',
          details: parsed.error.issues
            .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
            .join('; '),
        },
      })
    }
    return acceptUpload(context, parsed.data)
  })

  app.post<{ Params: JobParams; Querystring: AttemptQuery }>(
    '/v1/jobs/:jobId',
    async (request, reply) => {
      const jobId = parseJobId(request.params.jobId)
      const attempt = parseAttempt(request.query.attempt)
      jobs.handOver(jobId, attempt)
      return reply.status(202).send({ jobId: jobId.toString(), attempt, accepted: true })
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
          return { ...base, status: 'failed', error: state.error }
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

function parseJobId(raw: string): bigint {
  if (!/^\d{1,78}$/.test(raw)) {
    throw badRequest(`"${raw}" is not a job id: use the decimal id from the chain`)
  }
  return BigInt(raw)
}

/** The MPC attempt of a job, from `?attempt=`; 0 when absent. */
function parseAttempt(raw: string | undefined): number {
  if (raw === undefined) return 0
  if (!/^\d{1,9}$/.test(raw))
    throw badRequest(`"${raw}" is not an attempt number: use 0, 1, 2, ...`)
  return Number(raw)
}

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400 })
}
