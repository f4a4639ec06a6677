import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface ClosePoolParameters {
  market: Address
  poolId: bigint
}

/**
 * Closes a pool for good: no new contributions or jobs. Pending jobs still settle or are refunded
 * and sellers still claim, so no money is stranded. Only the curator may.
 *
 * @example
 * await closePool(curator, { market, poolId: 1n })
 */
export async function closePool(
  client: TriadClient,
  parameters: ClosePoolParameters,
): Promise<{ hash: Hash }> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'closePool',
    args: [parameters.poolId],
  })
  findMarketEvent(receipt, parameters.market, 'PoolStatusChanged')
  return { hash }
}
