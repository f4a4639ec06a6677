import type { Address, Hex } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/** A pool's life: open takes contributions and jobs, paused neither for now, closed for good. */
export type PoolStatus = 'open' | 'paused' | 'closed'

const statuses: readonly PoolStatus[] = ['open', 'paused', 'closed']

/** A pool as stored on chain, with its live counters and payout-ledger pointer. */
export interface Pool {
  poolId: bigint
  schemaHash: Hex
  schemaURI: string
  committeeId: bigint
  curator: Address
  token: Address
  price: bigint
  sellerBps: number
  nodeBps: number
  marketBps: number
  /** The fewest distinct sellers with an active contribution a job needs. */
  minContributors: number
  /** How many committee nodes must sign a result or a refusal. */
  threshold: number
  minDeadline: bigint
  maxDeadline: bigint
  status: PoolStatus
  /** Distinct sellers with at least one active contribution; several contributions count once. */
  activeSellers: number
  /** The rows of all active contributions. */
  activeRows: bigint
  /** Jobs requested so far; the next job's sequence number. */
  jobCount: bigint
  /** The ledger pointer: jobs before it are folded into the sellers' payouts. */
  finalizedJobs: bigint
  /** Contributions registered so far; the next one's index. */
  contributionCount: bigint
}

export interface ReadPoolParameters {
  market: Address
  poolId: bigint
  /** Read at this block instead of the latest. */
  blockNumber?: bigint
}

/**
 * Reads a pool. Unknown pools throw TRIAD_ERR_POOL_UNKNOWN.
 *
 * @example
 * const pool = await readPool(client, { market, poolId: 1n })
 */
export async function readPool(
  client: TriadReadClient,
  parameters: ReadPoolParameters,
): Promise<Pool> {
  try {
    const pool = await readContract(client, {
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: 'getPool',
      args: [parameters.poolId],
      blockNumber: parameters.blockNumber,
    })
    const status = statuses[pool.status]
    if (!status) throw new Error(`pool ${parameters.poolId} has an unknown status ${pool.status}`)
    return { poolId: parameters.poolId, ...pool, status }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
