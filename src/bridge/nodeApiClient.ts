import type { Hex } from 'viem'
import { TriadError, type TriadErrorCode } from '../errors/index.ts'
import type { ApiErrorBody } from '../http/installErrorHandler.ts'

/** A node's answer about one attempt of a job. */
export type NodeJobReport =
  | { readonly status: 'unknown' | 'computing' }
  | { readonly status: 'failed'; readonly error: string; readonly retryable: boolean }
  | { readonly status: 'done'; readonly sealedShare: Hex; readonly signature: Hex }

/**
 * Hands one attempt of a job to a node, which checks the job on chain before it computes. A
 * refusal comes back as the node's TriadError (its code, message and hint; retryable when the
 * node answered 503); a node that does not answer is TRIAD_ERR_NODE_UNREACHABLE, retryable.
 */
export async function handOverJob(apiUrl: string, jobId: bigint, attempt: number): Promise<void> {
  const response = await call(apiUrl, `/v1/jobs/${jobId}?attempt=${attempt}`, 'POST')
  if (response.status !== 202) throw await refusal(apiUrl, response)
}

/** Asks a node where an attempt of a job stands. */
export async function fetchJobReport(
  apiUrl: string,
  jobId: bigint,
  attempt: number,
): Promise<NodeJobReport> {
  const response = await call(apiUrl, `/v1/jobs/${jobId}?attempt=${attempt}`, 'GET')
  if (response.status === 404) return { status: 'unknown' }
  if (!response.ok) throw await refusal(apiUrl, response)
  return (await response.json()) as NodeJobReport
}

async function call(apiUrl: string, path: string, method: 'GET' | 'POST'): Promise<Response> {
  try {
    return await fetch(`${apiUrl}${path}`, { method, signal: AbortSignal.timeout(10_000) })
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_NODE_UNREACHABLE', `Node ${apiUrl} did not answer`, {
      cause,
      retryable: true,
    })
  }
}

async function refusal(apiUrl: string, response: Response): Promise<TriadError> {
  const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined
  const code: TriadErrorCode = body?.error.code ?? 'TRIAD_ERR_NODE_UNREACHABLE'
  return new TriadError(
    code,
    `Node ${apiUrl}: ${body?.error.message ?? `HTTP ${response.status}`}`,
    {
      details: body?.error.details,
      hint: body?.error.hint,
      retryable: response.status >= 500,
    },
  )
}
