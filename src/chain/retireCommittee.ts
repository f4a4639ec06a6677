import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RetireCommitteeParameters {
  market: Address
  committeeId: bigint
}

/**
 * Retires a committee for good; only the market owner may. Its pools take no new
 * contributions or jobs and no pool can be created on it; pending jobs still settle or are
 * refunded, and sellers and nodes still claim what they earned.
 *
 * @example
 * await retireCommittee(owner, { market, committeeId: 1n })
 */
export async function retireCommittee(
  client: TriadClient,
  parameters: RetireCommitteeParameters,
): Promise<{ hash: Hash }> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'retireCommittee',
    args: [parameters.committeeId],
  })
  findMarketEvent(receipt, parameters.market, 'CommitteeRetired')
  return { hash }
}
