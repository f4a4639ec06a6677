import type { Address } from 'viem'

/**
 * Purposes that sealed blobs are bound to. A share sealed for an upload to node 1 of one market
 * does not open as a result share, nor at node 2, nor on another chain.
 */
export interface MarketRef {
  readonly chainId: number
  readonly market: Address
}

/** The sealing context of a seller's upload of its shares to one node. */
export function uploadContext(market: MarketRef, poolId: bigint, nodeIndex: number): string {
  return `triad/upload/v1|${market.chainId}|${market.market.toLowerCase()}|${poolId}|${nodeIndex}`
}

/** The sealing context of one node's share of a job's result, sealed to the buyer. */
export function resultContext(market: MarketRef, jobId: bigint, nodeIndex: number): string {
  return `triad/result/v1|${market.chainId}|${market.market.toLowerCase()}|${jobId}|${nodeIndex}`
}
