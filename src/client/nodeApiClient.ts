import type { Hex } from 'viem'
import { createNodeTransport } from '#triad/nodeTransport'
import { TriadError, type TriadErrorCode } from '../errors/index.ts'
import type { ApiErrorBody } from '../http/installErrorHandler.ts'
import type { UploadReceipt, UploadRequestBody } from '../protocol/uploadRequest.ts'
import type { NodeTransport } from './nodeTransport.ts'

/** A node's answer about one attempt of a job. */
export type NodeJobReport =
  | { readonly status: 'unknown' | 'computing' }
  | {
      readonly status: 'failed'
      readonly error: string
      readonly retryable: boolean
      /** The node's signed refusal of the job (EIP-712), when it refuses for good. */
      readonly refusal?: Hex
    }
  | { readonly status: 'done'; readonly sealedShare: Hex; readonly signature: Hex }

/** A node's API as its committee lists it on chain: the URL and the pinned certificate. */
export interface NodeApi {
  readonly apiUrl: string
  readonly tlsFingerprint: Hex
}

/** Calls to the nodes' APIs, shared by sellers, buyers following a job, and bridges. */
export interface NodeApiClient {
  /**
   * Sends a node its sealed upload and returns the node's signed receipt. A refusal is
   * TRIAD_ERR_UPLOAD_REJECTED with the node's code, message and hint in it.
   */
  upload(node: NodeApi, body: UploadRequestBody): Promise<Hex>
  /**
   * Hands one attempt of a job to a node, which checks the job on chain before it computes. A
   * refusal comes back as the node's TriadError (its code, message and hint; retryable when the
   * node answered 503).
   */
  handOverJob(node: NodeApi, jobId: bigint, attempt: number): Promise<void>
  /**
   * Asks a node where an attempt of a job stands. With `waitMs`, a node whose attempt is still
   * computing holds the answer until it is done or failed, or `waitMs` passed (a long poll).
   */
  fetchJobReport(
    node: NodeApi,
    jobId: bigint,
    attempt: number,
    options?: { waitMs?: number },
  ): Promise<NodeJobReport>
  /** Closes the kept-alive connections. */
  close(): void
}

export interface CreateNodeApiClientParameters {
  /** How to reach the nodes; default the platform's (pinned HTTPS in Node, `fetch` in a browser). */
  transport?: NodeTransport
  /** Requests under way end at once when this aborts (a service shutting down). */
  shutdown?: AbortSignal
  /** Per-request timeout for job calls, in ms. Default 10 000 (uploads: 120 000). */
  timeoutMs?: number
}

/**
 * The client of the nodes' HTTP API. A node that does not answer is
 * TRIAD_ERR_NODE_UNREACHABLE (retryable); a node presenting another certificate than the one
 * on chain is TRIAD_ERR_TLS_PIN_MISMATCH (retryable: its operator may be moving hosts).
 *
 * @example
 * const nodes = createNodeApiClient()
 * const receipt = await nodes.upload(committee[0], prepared.uploads[0])
 * nodes.close()
 */
export function createNodeApiClient(parameters: CreateNodeApiClientParameters = {}): NodeApiClient {
  const transport = parameters.transport ?? createNodeTransport()
  const ownTransport = parameters.transport === undefined

  async function call(
    node: NodeApi,
    path: string,
    init: { method: 'GET' | 'POST'; body?: string; timeoutMs: number },
  ): Promise<Response> {
    try {
      return await transport.fetch(`${node.apiUrl}${path}`, {
        method: init.method,
        fingerprint: node.tlsFingerprint,
        timeoutMs: init.timeoutMs,
        ...(init.body === undefined
          ? {}
          : { body: init.body, headers: { 'content-type': 'application/json' } }),
        ...(parameters.shutdown ? { signal: parameters.shutdown } : {}),
      })
    } catch (cause) {
      if (cause instanceof TriadError) {
        throw new TriadError(cause.code, cause.shortMessage, {
          cause,
          details: cause.details,
          hint: cause.hint,
          retryable: true,
        })
      }
      throw new TriadError(
        'TRIAD_ERR_NODE_UNREACHABLE',
        `The node at ${node.apiUrl} did not answer`,
        {
          cause,
          details: cause instanceof Error ? cause.message : String(cause),
          hint: 'Check that the node is running (triad dev prints its URL) and try again.',
          retryable: true,
        },
      )
    }
  }
  const jobTimeout = parameters.timeoutMs ?? 10_000

  return {
    async upload(node, body) {
      const response = await call(node, '/v1/uploads', {
        method: 'POST',
        body: JSON.stringify(body),
        timeoutMs: parameters.timeoutMs ?? 120_000,
      })
      const answer = (await response.json().catch(() => ({}))) as Partial<UploadReceipt> &
        Partial<ApiErrorBody>
      if (!response.ok || !answer.receipt) {
        throw new TriadError(
          'TRIAD_ERR_UPLOAD_REJECTED',
          `The node at ${node.apiUrl} refused the upload: ${answer.error?.message ?? `HTTP ${response.status}`}`,
          {
            details:
              [answer.error?.code, answer.error?.details].filter(Boolean).join(': ') || undefined,
            hint: answer.error?.hint,
            retryable: response.status >= 500,
          },
        )
      }
      return answer.receipt
    },
    async handOverJob(node, jobId, attempt) {
      const response = await call(node, `/v1/jobs/${jobId}?attempt=${attempt}`, {
        method: 'POST',
        timeoutMs: jobTimeout,
      })
      if (response.status !== 202) throw await refusal(node.apiUrl, response)
    },
    async fetchJobReport(node, jobId, attempt, options = {}) {
      const wait = options.waitMs ? `&waitMs=${options.waitMs}` : ''
      const response = await call(node, `/v1/jobs/${jobId}?attempt=${attempt}${wait}`, {
        method: 'GET',
        timeoutMs: jobTimeout + (options.waitMs ?? 0),
      })
      if (response.status === 404) return { status: 'unknown' }
      if (!response.ok) throw await refusal(node.apiUrl, response)
      return (await response.json()) as NodeJobReport
    },
    close() {
      if (ownTransport) transport.close()
    },
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
