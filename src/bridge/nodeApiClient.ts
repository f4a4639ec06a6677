import type { Hex } from 'viem'
import { TriadError, type TriadErrorCode } from '../errors/index.ts'
import { fetchPinned } from '../http/fetchPinned.ts'
import type { ApiErrorBody } from '../http/installErrorHandler.ts'
import { PinnedAgent } from '../http/PinnedAgent.ts'

/** A node's answer about one attempt of a job. */
export type NodeJobReport =
  | { readonly status: 'unknown' | 'computing' }
  | { readonly status: 'failed'; readonly error: string; readonly retryable: boolean }
  | { readonly status: 'done'; readonly sealedShare: Hex; readonly signature: Hex }

/** A node's API as its committee lists it on chain: the URL and the pinned certificate. */
export interface NodeApi {
  readonly apiUrl: string
  readonly tlsFingerprint: Hex
}

/** The bridge's calls to the nodes' APIs, over HTTPS pinned to each node's certificate. */
export interface NodeApiClient {
  /**
   * Hands one attempt of a job to a node, which checks the job on chain before it computes. A
   * refusal comes back as the node's TriadError (its code, message and hint; retryable when the
   * node answered 503); a node that does not answer is TRIAD_ERR_NODE_UNREACHABLE, retryable; a
   * node with another certificate is TRIAD_ERR_TLS_PIN_MISMATCH, retryable (its operator may be
   * rotating hosts; the deadline bounds the wait).
   */
  handOverJob(node: NodeApi, jobId: bigint, attempt: number): Promise<void>
  /** Asks a node where an attempt of a job stands. */
  fetchJobReport(node: NodeApi, jobId: bigint, attempt: number): Promise<NodeJobReport>
  /** Closes the kept-alive connections. */
  close(): void
}

/**
 * Creates the bridge's node API client: one kept-alive, pinned HTTPS agent per node
 * certificate, so polling many jobs does not cost a TLS handshake per request. Requests under
 * way end at once when `shutdown` aborts, so a stopping bridge does not wait on a silent node.
 *
 * @example
 * const nodes = createNodeApiClient({ shutdown: controller.signal })
 * await nodes.handOverJob(committee[0], jobId, 0)
 */
export function createNodeApiClient(options: { shutdown?: AbortSignal } = {}): NodeApiClient {
  const agents = new Map<Hex, PinnedAgent>()
  const agentFor = (fingerprint: Hex) => {
    const key = fingerprint.toLowerCase() as Hex
    let agent = agents.get(key)
    if (!agent) {
      agent = new PinnedAgent(key)
      agents.set(key, agent)
    }
    return agent
  }

  async function call(node: NodeApi, path: string, method: 'GET' | 'POST'): Promise<Response> {
    try {
      return await fetchPinned(`${node.apiUrl}${path}`, {
        method,
        timeoutMs: 10_000,
        ...(options.shutdown ? { signal: options.shutdown } : {}),
        ...(node.apiUrl.startsWith('https:') ? { agent: agentFor(node.tlsFingerprint) } : {}),
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
      throw new TriadError('TRIAD_ERR_NODE_UNREACHABLE', `Node ${node.apiUrl} did not answer`, {
        cause,
        details: cause instanceof Error ? cause.message : String(cause),
        retryable: true,
      })
    }
  }

  return {
    async handOverJob(node, jobId, attempt) {
      const response = await call(node, `/v1/jobs/${jobId}?attempt=${attempt}`, 'POST')
      if (response.status !== 202) throw await refusal(node.apiUrl, response)
    },
    async fetchJobReport(node, jobId, attempt) {
      const response = await call(node, `/v1/jobs/${jobId}?attempt=${attempt}`, 'GET')
      if (response.status === 404) return { status: 'unknown' }
      if (!response.ok) throw await refusal(node.apiUrl, response)
      return (await response.json()) as NodeJobReport
    },
    close() {
      for (const agent of agents.values()) agent.destroy()
      agents.clear()
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
