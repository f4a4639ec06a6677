import { TriadError } from '../errors/index.ts'

/** Where a bridge says a job stands. */
export type BridgeJobStatus =
  | 'unknown'
  | 'queued'
  | 'computing'
  | 'refused'
  | 'submitted'
  | 'settled'
  | 'refunded'
  /** Its request left the chain in a reorganisation: nobody computes or pays for it. */
  | 'dropped'

/** A job as a bridge's status API reports it. */
export interface BridgeJobView {
  readonly status: BridgeJobStatus
  /** The MPC attempt under way or last made. */
  readonly attempt: number
  /** The transaction that settled or refunded it. */
  readonly txHash: string | null
  /** Why the last attempt failed, in words. */
  readonly reason: string | null
}

/**
 * Asks a bridge (relayer) how a job is going: `GET /v1/jobs/:jobId` of its status API. A bridge
 * is untrusted and its view is only progress; the chain says what is final (`readJobStatus`).
 *
 * @throws TriadError TRIAD_ERR_BRIDGE_UNREACHABLE when the bridge does not answer.
 * @example
 * const { status, attempt } = await readBridgeJob({ bridgeUrl: 'http://127.0.0.1:40130', jobId })
 */
export async function readBridgeJob(parameters: {
  bridgeUrl: string
  jobId: bigint
  signal?: AbortSignal
}): Promise<BridgeJobView> {
  const url = `${parameters.bridgeUrl.replace(/\/$/, '')}/v1/jobs/${parameters.jobId}`
  let response: Response
  try {
    const signals = [AbortSignal.timeout(5_000)]
    if (parameters.signal) signals.push(parameters.signal)
    response = await fetch(url, { signal: AbortSignal.any(signals) })
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_BRIDGE_UNREACHABLE',
      `The bridge at ${parameters.bridgeUrl} did not answer`,
      {
        cause,
        details: cause instanceof Error ? cause.message : String(cause),
        hint: 'Check the bridge URL (`triad dev` prints it); the chain still shows the job: `triad job status` without --bridge-url.',
        retryable: true,
      },
    )
  }
  const body = (await response.json().catch(() => ({}))) as Partial<BridgeJobView>
  if (response.status === 404) return { status: 'unknown', attempt: 0, txHash: null, reason: null }
  if (!response.ok || typeof body.status !== 'string') {
    throw new TriadError(
      'TRIAD_ERR_BRIDGE_UNREACHABLE',
      `The bridge at ${parameters.bridgeUrl} answered HTTP ${response.status}`,
      {
        retryable: response.status >= 500,
      },
    )
  }
  return {
    status: body.status,
    attempt: body.attempt ?? 0,
    txHash: body.txHash ?? null,
    reason: body.reason ?? null,
  }
}
