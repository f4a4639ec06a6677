import type { FastifyInstance, FastifyRequest } from 'fastify'
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
  TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED: 403,
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
export function installErrorHandler(
  app: FastifyInstance,
  logger: Logger,
  options: {
    /** Told the code of every error answer, e.g. to count refused uploads by reason. */
    onErrorAnswer?: (request: FastifyRequest, code: TriadErrorCode) => void
    /** The body limit, named in the answer to a body that exceeds it. */
    bodyLimitBytes?: number
  } = {},
): void {
  app.setErrorHandler((error, request, reply) => {
    const body = answerOf(error, logger, options.bodyLimitBytes)
    options.onErrorAnswer?.(request, body.error.code)
    return reply.status(body.status).send({ error: body.error } satisfies ApiErrorBody)
  })
}

function answerOf(
  error: unknown,
  logger: Logger,
  bodyLimitBytes: number | undefined,
): ApiErrorBody & { status: number } {
  if (isTriadError(error)) {
    return {
      status: error.retryable ? 503 : (statusOf[error.code] ?? 400),
      error: {
        code: error.code,
        message: error.shortMessage,
        details: error.details,
        hint: error.hint,
      },
    }
  }
  const status = (error as { statusCode?: number }).statusCode ?? 500
  if (status >= 500) {
    logger.error({ err: error }, 'request failed')
    return {
      status: 500,
      error: {
        code: 'TRIAD_ERR_INTERNAL',
        message: 'The service failed to handle the request; see its log.',
      },
    }
  }
  if (status === 413) {
    return {
      status,
      error: {
        code: 'TRIAD_ERR_UPLOAD_TOO_LARGE',
        message: 'The request body is larger than this service accepts',
        ...(bodyLimitBytes === undefined
          ? {}
          : {
              details: `the limit is ${bodyLimitBytes} bytes`,
              hint: 'Split the rows into several contributions, or ask the operator about api.maxBodyBytes.',
            }),
      },
    }
  }
  return {
    status,
    error: { code: 'TRIAD_ERR_BAD_REQUEST', message: (error as Error).message },
  }
}
