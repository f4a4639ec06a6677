import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface PausePoolParameters {
  market: Address
  poolId: bigint
}

/**
 * Stops new contributions and jobs in an open pool until `unpausePool`. Only the curator may;
 * otherwise it throws naming TriadNotCurator.
 *
 * @example
 * await pausePool(curator, { market, poolId: 1n })
 */
export async function pausePool(
  client: TriadClient,
  parameters: PausePoolParameters,
): Promise<{ hash: Hash }> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'pausePool',
    args: [parameters.poolId],
  })
  findMarketEvent(receipt, parameters.market, 'PoolStatusChanged')
  return { hash }
}
