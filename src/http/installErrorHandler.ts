import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { isTriadError, type TriadErrorCode } from '../errors/index.ts'

/** The body of every error answer of Triad's HTTP APIs. */
export interface ApiErrorBody {
  readonly error: {
    readonly code: TriadErrorCode
    readonly message: string
    readonly details?: string
    readonly hint?: string
  }
}

/** HTTP statuses for the codes that are not the caller's mistake (400) by default. */
const statusOf: Partial<Record<TriadErrorCode, number>> = {
  TRIAD_ERR_UPLOAD_UNAUTHENTICATED: 401,
  TRIAD_ERR_JOB_NOT_AUTHORISED: 403,
  TRIAD_ERR_POOL_UNKNOWN: 404,
  TRIAD_ERR_JOB_UNKNOWN: 404,
  TRIAD_ERR_UPLOAD_TOO_LARGE: 413,
}

/**
 * Answers every failed request with `{ error: { code, message, details, hint } }`: a TriadError
 * with its own code (503 when it is retryable: the service, not the caller, is at fault now), a
 * framework error (malformed JSON, body too large) with a stable code, and anything else as a
 * 500 whose internals go to the log only.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, _request, reply) => {
    if (isTriadError(error)) {
      const status = error.retryable ? 503 : (statusOf[error.code] ?? 400)
      const body: ApiErrorBody = {
        error: {
          code: error.code,
          message: error.shortMessage,
          details: error.details,
          hint: error.hint,
        },
      }
      return reply.status(status).send(body)
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) {
      logger.error({ err: error }, 'request failed')
      const body: ApiErrorBody = {
        error: {
          code: 'TRIAD_ERR_INTERNAL',
          message: 'The service failed to handle the request; see its log.',
        },
      }
      return reply.status(500).send(body)
    }
    const body: ApiErrorBody = {
      error: {
        code: status === 413 ? 'TRIAD_ERR_UPLOAD_TOO_LARGE' : 'TRIAD_ERR_BAD_REQUEST',
        message: (error as Error).message,
      },
    }
    return reply.status(status).send(body)
  })
}
