import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'

/** A node's answer about a job it was handed. */
export type NodeJobReport =
  | { readonly status: 'unknown' | 'computing' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'done'; readonly sealedShare: Hex; readonly signature: Hex }

/** Hands one attempt of a job to a node; the node checks it against the chain before it computes. */
export async function handOverJob(apiUrl: string, jobId: bigint, attempt: number): Promise<void> {
  const response = await fetch(`${apiUrl}/v1/jobs/${jobId}?attempt=${attempt}`, {
    method: 'POST',
    signal: AbortSignal.timeout(10_000),
  })
  if (response.status !== 202) {
    throw new TriadError('TRIAD_ERR_NODE_UNREACHABLE', `Node ${apiUrl} did not take job ${jobId}`, {
      details: `HTTP ${response.status}: ${await response.text()}`,
      retryable: true,
    })
  }
}

/** Asks a node where an attempt of a job stands. */
export async function fetchJobReport(
  apiUrl: string,
  jobId: bigint,
  attempt: number,
): Promise<NodeJobReport> {
  const response = await fetch(`${apiUrl}/v1/jobs/${jobId}?attempt=${attempt}`, {
    signal: AbortSignal.timeout(10_000),
  })
  if (response.status === 404) return { status: 'unknown' }
  if (!response.ok) {
    throw new TriadError(
      'TRIAD_ERR_NODE_UNREACHABLE',
      `Node ${apiUrl} failed to report job ${jobId}`,
      {
        details: `HTTP ${response.status}`,
        retryable: true,
      },
    )
  }
  return (await response.json()) as NodeJobReport
}
