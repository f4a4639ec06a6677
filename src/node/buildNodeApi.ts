import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import { bytesToHex } from 'viem'
import { TriadError } from '../errors/index.ts'
import { installErrorHandler } from '../http/installErrorHandler.ts'
import { parseAttempt, parseJobId } from '../http/parseIds.ts'
import { registerHealthRoute } from '../observability/registerHealthRoute.ts'
import { registerMetricsRoute } from '../observability/registerMetricsRoute.ts'
import { uploadRequestSchema } from '../protocol/uploadRequest.ts'
import { acceptUpload } from './acceptUpload.ts'
import type { JobRunner } from './JobRunner.ts'
import { publicIdentityOf } from './keys.ts'
import type { NodeContext } from './NodeContext.ts'
import { readNodeHealth } from './readNodeHealth.ts'

export interface BuildNodeApiOptions {
  /** Serve HTTPS with this certificate and key (the node's TLS identity); omit for plain HTTP. */
  readonly https?: { readonly certPem: string; readonly keyPem: string }
  /** Serve `/metrics` here (default); false when a separate ops listener serves it. */
  readonly metrics?: boolean
}

/**
 * Builds the node's API without listening, so tests can `inject()` requests.
 *
 * - `GET /healthz`: liveness and readiness. 200 when the node is ready (the chain answers and
 *   both peers are connected), 503 with the same body when it is live but not ready.
 * - `GET /metrics`: Prometheus metrics (unless `metrics: false`).
 * - `GET /v1/identity`: the node's public keys, as registered in its committee.
 * - `POST /v1/uploads`: a seller's sealed shares; answers with the node's signed receipt.
 * - `POST /v1/jobs/:jobId?attempt=N`: a bridge hands over an attempt of a job; the node checks
 *   the job on chain itself and answers 202, or the reason it refuses (404, 403).
 * - `GET /v1/jobs/:jobId?attempt=N[&waitMs=M]`: that attempt's state here, with the sealed
 *   share and signature when done, the reason (and a signed refusal, if it refuses for good)
 *   when failed. With `waitMs` (at most 10,000) an attempt still computing holds the answer until
 *   it ends or `waitMs` passed.
 */
export function buildNodeApi(
  context: NodeContext,
  jobs: JobRunner,
  options: BuildNodeApiOptions = {},
): FastifyInstance {
  const bodyLimit = context.config.api.maxBodyBytes
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit,
    logController: new LogController({ disableRequestLogging: true }),
    // A slow client may not hold a connection open for ever.
    requestTimeout: 120_000,
    ...(options.https ? { https: { cert: options.https.certPem, key: options.https.keyPem } } : {}),
  })

  installErrorHandler(app, context.logger, {
    bodyLimitBytes: bodyLimit,
    onErrorAnswer(request, code) {
      if (request.routeOptions.url === '/v1/uploads') {
        context.metrics.uploadsRejected.inc({ reason: code })
      }
    },
  })

  registerHealthRoute(app, () => readNodeHealth(context, jobs.running))
  if (options.metrics ?? true) registerMetricsRoute(app, context.metrics.registry)

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
    const receipt = await acceptUpload(context, parsed.data)
    context.metrics.uploadsAccepted.inc()
    return receipt
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
      const waitMs = parseWaitMs(request.query.waitMs)
      if (waitMs > 0 && context.store.jobState(jobId, attempt)?.status === 'computing') {
        await jobs.settled(jobId, attempt, waitMs)
      }
      const state = context.store.jobState(jobId, attempt)
      const base = { jobId: jobId.toString(), attempt }
      if (!state) return reply.status(404).send({ ...base, status: 'unknown' })
      switch (state.status) {
        case 'computing':
          return { ...base, status: 'computing' }
        case 'failed':
          return {
            ...base,
            status: 'failed',
            error: state.error,
            retryable: state.retryable,
            ...(state.refusal ? { refusal: state.refusal } : {}),
          }
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
  waitMs?: string
}

/** The longest a report request may be held open. */
const MAX_WAIT_MS = 10_000

function parseWaitMs(value: string | undefined): number {
  if (value === undefined) return 0
  if (!/^\d{1,6}$/.test(value)) {
    throw new TriadError('TRIAD_ERR_BAD_REQUEST', `waitMs must be a whole number of milliseconds`, {
      details: `got "${value}"`,
      hint: `Ask with ?waitMs=0 to ${MAX_WAIT_MS}.`,
    })
  }
  return Math.min(Number(value), MAX_WAIT_MS)
}
