import type { Address, Hex } from 'viem'
import { readContract } from 'viem/actions'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/** A job's state on chain. */
export type JobState = 'pending' | 'delivered' | 'refunded'

const states: Record<number, JobState> = { 1: 'pending', 2: 'delivered', 3: 'refunded' }

/** A job as stored on chain, with the snapshot nodes must compute over. */
export interface Job {
  jobId: bigint
  poolId: bigint
  buyer: Address
  state: JobState
  /** The job's index k among the pool's jobs: it uses contributions with joinedAt <= k < revokedAt. */
  sequence: bigint
  /** Unix seconds; after it the job can only be refunded. */
  deadline: bigint
  /** The rows of the contributions the job uses. */
  rowsSnapshot: bigint
  /** Distinct sellers among the contributions the job uses (a seller counts once). */
  contributorsSnapshot: number
  algorithmId: Hex
  /** keccak256 of the params in the JobRequested event. */
  paramsHash: Hex
  buyerKey: Hex
  price: bigint
}

export interface ReadJobParameters {
  market: Address
  jobId: bigint
  blockNumber?: bigint
}

/**
 * Reads a job. Unknown jobs throw TRIAD_ERR_JOB_UNKNOWN.
 *
 * @example
 * const job = await readJob(client, { market, jobId: 1n })
 * if (job.state === 'pending') { ... }
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
  const { status, ...rest } = raw
  const state = states[status]
  if (!state) {
    throw new TriadError('TRIAD_ERR_JOB_UNKNOWN', `Job ${parameters.jobId} has status ${status}`)
  }
  return { jobId: parameters.jobId, state, ...rest }
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
