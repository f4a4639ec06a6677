import { type Address, getAbiItem, type Hash, type Hex } from 'viem'
import { getLogs } from 'viem/actions'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { splitJobId } from '../protocol/jobId.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/**
 * What a buyer asked and paid for, from the job's JobRequested event: the contract keeps only
 * the job's buyer, deadline, snapshot rows and status in storage, so nodes read the algorithm,
 * parameters and buyer key from here.
 */
export interface JobRequest {
  jobId: bigint
  poolId: bigint
  /** The job's index k among the pool's jobs: it uses contributions with joinedAt <= k < revokedAt. */
  sequence: bigint
  buyer: Address
  algorithmId: Hex
  /** The algorithm's public parameters. */
  params: Hex
  /** The buyer's X25519 public key the result shares are sealed to. */
  buyerKey: Hex
  /** Unix seconds; after it the job can only be refunded. */
  deadline: bigint
  /** The rows of the contributions the job uses. */
  rowsSnapshot: bigint
  /** Distinct sellers among the contributions the job uses (a seller counts once). */
  contributorsSnapshot: number
  price: bigint
  blockNumber: bigint
  transactionHash: Hash
}

const requestedEvent = getAbiItem({ abi: triadMarketAbi, name: 'JobRequested' })

export interface GetJobRequestParameters {
  market: Address
  jobId: bigint
  /** Where to start looking: the market's deployment block, or any block before the request. */
  fromBlock: bigint
}

/**
 * Reads a job's request from its JobRequested event. A job the logs do not show throws
 * TRIAD_ERR_JOB_UNKNOWN (retryable: a lagging RPC endpoint may not have the block yet).
 *
 * @example
 * const { algorithmId, params, buyerKey } = await getJobRequest(client, { market, jobId, fromBlock: deployBlock })
 */
export async function getJobRequest(
  client: TriadReadClient,
  parameters: GetJobRequestParameters,
): Promise<JobRequest> {
  let logs: Awaited<ReturnType<typeof readLogs>>
  try {
    logs = await readLogs(client, parameters)
  } catch (error) {
    throw decodeTriadError(error)
  }
  const log = logs[0]
  if (!log) {
    throw new TriadError(
      'TRIAD_ERR_JOB_UNKNOWN',
      `No JobRequested event for job ${parameters.jobId}`,
      {
        details: `market ${parameters.market}, from block ${parameters.fromBlock}`,
        hint: 'Check the job id, and that the RPC endpoint keeps logs back to the deployment block.',
        retryable: true,
      },
    )
  }
  return jobRequestFromLog(log)
}

function readLogs(client: TriadReadClient, parameters: GetJobRequestParameters) {
  return getLogs(client, {
    address: parameters.market,
    event: requestedEvent,
    args: { jobId: parameters.jobId },
    fromBlock: parameters.fromBlock,
    strict: true,
  })
}

/** The parts of a JobRequested log (from `getLogs` or a parsed receipt) a JobRequest needs. */
interface RequestedLog {
  args: {
    jobId: bigint
    poolId: bigint
    buyer: Address
    algorithmId: Hex
    params: Hex
    buyerKey: Hex
    deadline: bigint
    rowsSnapshot: bigint
    contributorsSnapshot: number
    price: bigint
  }
  blockNumber: bigint
  transactionHash: Hash
}

/** A JobRequest from a JobRequested log (from `getLogs` or a transaction receipt). */
export function jobRequestFromLog(log: RequestedLog): JobRequest {
  const { args } = log
  return {
    jobId: args.jobId,
    poolId: args.poolId,
    sequence: splitJobId(args.jobId).sequence,
    buyer: args.buyer,
    algorithmId: args.algorithmId,
    params: args.params,
    buyerKey: args.buyerKey,
    deadline: args.deadline,
    rowsSnapshot: args.rowsSnapshot,
    contributorsSnapshot: args.contributorsSnapshot,
    price: args.price,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }
}
