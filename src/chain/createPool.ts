import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

/** A pool's schema, committee, price, payout shares (bps, sum 10000) and job policy. */
export interface PoolParams {
  schemaHash: Hex
  schemaURI: string
  committeeId: bigint
  token: Address
  /** The price of one job in token base units (at most 2^96 - 1), fixed for the pool's life. */
  price: bigint
  sellerBps: number
  nodeBps: number
  /** Inside the market's governance bounds (`minMarketBps`..`maxMarketBps`). */
  marketBps: number
  minContributors: number
  /**
   * How many committee nodes must sign a result or refusal: a majority of the committee.
   * Default (0): every node.
   */
  threshold?: number
  allowedAlgorithms: readonly Hex[]
  /** Bounds on a job's deadline, in seconds from its request. */
  minDeadline: bigint
  maxDeadline: bigint
}

export interface CreatePoolParameters {
  market: Address
  pool: PoolParams
}

export interface CreatePoolReturnType {
  poolId: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Creates a pool; the caller becomes its curator.
 *
 * @example
 * const { poolId } = await createPool(curator, {
 *   market,
 *   pool: { schemaHash, schemaURI: 'ipfs://…', committeeId: 1n, token, price: 10_000_000n,
 *     sellerBps: 7000, nodeBps: 2000, marketBps: 1000, minContributors: 3,
 *     allowedAlgorithms: [meanId], minDeadline: 60n, maxDeadline: 86_400n },
 * })
 */
export async function createPool(
  client: TriadClient,
  parameters: CreatePoolParameters,
): Promise<CreatePoolReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'createPool',
    args: [{ ...parameters.pool, threshold: parameters.pool.threshold ?? 0 }],
  })
  const event = findMarketEvent(receipt, parameters.market, 'PoolCreated')
  return { poolId: event.args.poolId, hash, gasUsed: receipt.gasUsed }
}
