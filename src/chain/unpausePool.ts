import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface UnpausePoolParameters {
  market: Address
  poolId: bigint
}

/**
 * Opens a paused pool to contributions and jobs again. Only the curator may.
 *
 * @example
 * await unpausePool(curator, { market, poolId: 1n })
 */
export async function unpausePool(
  client: TriadClient,
  parameters: UnpausePoolParameters,
): Promise<{ hash: Hash }> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'unpausePool',
    args: [parameters.poolId],
  })
  findMarketEvent(receipt, parameters.market, 'PoolStatusChanged')
  return { hash }
}
