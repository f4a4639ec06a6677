import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/** A job's state on chain: refunded after its deadline, refused by its committee. */
export type JobState = 'pending' | 'delivered' | 'refunded' | 'refused'

const states: Record<number, JobState> = {
  1: 'pending',
  2: 'delivered',
  3: 'refunded',
  4: 'refused',
}

/**
 * A job's state as stored. A pending job also shows its buyer, deadline and snapshot rows; the
 * rest of its request is in its JobRequested event (`getJobRequest`).
 */
export type Job = {
  jobId: bigint
  poolId: bigint
  /** The job's index among its pool's jobs. */
  sequence: bigint
} & (
  | {
      state: 'pending'
      buyer: Address
      /** Unix seconds; after it the job can only be refunded. */
      deadline: bigint
      rowsSnapshot: bigint
    }
  | {
      state: 'delivered' | 'refunded' | 'refused'
      /** Whether the payout ledger has folded the job (then only its status is stored). */
      folded: boolean
    }
)

export interface ReadJobParameters {
  market: Address
  jobId: bigint
  blockNumber?: bigint
}

/**
 * Reads a job's state. Unknown jobs throw TRIAD_ERR_JOB_UNKNOWN.
 *
 * @example
 * const job = await readJob(client, { market, jobId })
 * if (job.state === 'pending') console.log(job.deadline)
 */
export async function readJob(
  client: TriadReadClient,
  parameters: ReadJobParameters,
): Promise<Job> {
  let raw: Awaited<ReturnType<typeof readRaw>>
  try {
    raw = await readRaw(client, parameters)
  } catch (error) {
    throw decodeTriadError(error)
  }
  const state = states[raw.status]
  if (!state) {
    throw new TriadError(
      'TRIAD_ERR_JOB_UNKNOWN',
      `Job ${parameters.jobId} has status ${raw.status}`,
    )
  }
  const base = { jobId: parameters.jobId, poolId: raw.poolId, sequence: raw.sequence }
  if (state === 'pending') {
    return {
      ...base,
      state,
      buyer: raw.buyer,
      deadline: raw.deadline,
      rowsSnapshot: raw.rowsSnapshot,
    }
  }
  return { ...base, state, folded: raw.folded }
}

function readRaw(client: TriadReadClient, parameters: ReadJobParameters) {
  return readContract(client, {
    address: parameters.market,
    abi: triadMarketAbi,
    functionName: 'getJob',
    args: [parameters.jobId],
    blockNumber: parameters.blockNumber,
  })
}
