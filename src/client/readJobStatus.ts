import { type Address, getAbiItem, type Hash } from 'viem'
import { getLogs } from 'viem/actions'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { decodeTriadError } from '../chain/decodeTriadError.ts'
import { getJobRequest, type JobRequest } from '../chain/getJobRequest.ts'
import { type JobState, readJob } from '../chain/readJob.ts'
import { readMarketTime } from '../chain/readMarketTime.ts'
import { seatsOf } from '../chain/submitResult.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { knownAlgorithms } from './knownAlgorithms.ts'
import { type BridgeJobView, readBridgeJob } from './readBridgeJob.ts'

const completedEvent = getAbiItem({ abi: triadMarketAbi, name: 'JobCompleted' })
const refundedEvent = getAbiItem({ abi: triadMarketAbi, name: 'JobRefunded' })

/** How a job ended on chain. */
export type JobSettlement =
  | {
      readonly kind: 'delivered'
      readonly transactionHash: Hash
      readonly blockNumber: bigint
      /** The MPC attempt whose shares were accepted, and the seats that signed. */
      readonly attempt: number
      readonly seats: readonly number[]
    }
  | {
      readonly kind: 'refunded'
      readonly transactionHash: Hash
      readonly blockNumber: bigint
      readonly amount: bigint
    }

/** A job as its buyer follows it: the request, its state on chain, and a bridge's view. */
export interface JobStatus {
  readonly request: JobRequest
  /** The algorithm's name in this client's library, if it has it. */
  readonly algorithm: string | undefined
  /** The state on chain: the truth. */
  readonly state: JobState
  /** Pending past its deadline: only a refund can end it now. */
  readonly expired: boolean
  readonly settlement: JobSettlement | undefined
  /** What the bridge said (progress only), when one was asked and answered. */
  readonly bridge: BridgeJobView | undefined
}

export interface ReadJobStatusParameters {
  market: Address
  jobId: bigint
  /** Where to look for the job's events from: the market's deployment block. */
  fromBlock: bigint
  /** A bridge to ask for progress (queued, computing, the attempt). */
  bridgeUrl?: string
}

/**
 * Where a job stands: its request (pool, algorithm, parameters, price, deadline), its state on
 * chain with the settling transaction, and optionally a bridge's progress report. Unknown jobs
 * throw TRIAD_ERR_JOB_UNKNOWN.
 *
 * @example
 * const status = await readJobStatus(client, { market, jobId, fromBlock: deployBlock, bridgeUrl })
 * status.state // 'pending' | 'delivered' | 'refunded' | 'refused'
 */
export async function readJobStatus(
  client: TriadReadClient,
  parameters: ReadJobStatusParameters,
): Promise<JobStatus> {
  const { market, jobId, fromBlock } = parameters
  const job = await readJob(client, { market, jobId })
  const [request, now, settlement, bridge] = await Promise.all([
    getJobRequest(client, { market, jobId, fromBlock }),
    readMarketTime(client),
    job.state === 'pending' ? undefined : readSettlement(client, market, jobId, fromBlock),
    parameters.bridgeUrl
      ? readBridgeJob({ bridgeUrl: parameters.bridgeUrl, jobId }).catch(() => undefined)
      : undefined,
  ])
  const names = new Map(knownAlgorithms().map((entry) => [entry.id.toLowerCase(), entry.name]))
  return {
    request,
    algorithm: names.get(request.algorithmId.toLowerCase()),
    state: job.state,
    expired: job.state === 'pending' && now > job.deadline,
    settlement,
    bridge,
  }
}

async function readSettlement(
  client: TriadReadClient,
  market: Address,
  jobId: bigint,
  fromBlock: bigint,
): Promise<JobSettlement | undefined> {
  try {
    const [completed, refunded] = await Promise.all([
      getLogs(client, {
        address: market,
        event: completedEvent,
        args: { jobId },
        fromBlock,
        strict: true,
      }),
      getLogs(client, {
        address: market,
        event: refundedEvent,
        args: { jobId },
        fromBlock,
        strict: true,
      }),
    ])
    const delivered = completed[0]
    if (delivered) {
      return {
        kind: 'delivered',
        transactionHash: delivered.transactionHash,
        blockNumber: delivered.blockNumber,
        attempt: delivered.args.attempt,
        seats: seatsOf(delivered.args.seats),
      }
    }
    const refund = refunded[0]
    if (refund) {
      return {
        kind: 'refunded',
        transactionHash: refund.transactionHash,
        blockNumber: refund.blockNumber,
        amount: refund.args.amount,
      }
    }
    return undefined
  } catch (error) {
    throw decodeTriadError(error)
  }
}
