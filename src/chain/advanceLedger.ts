import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { writeMarket } from './writeMarket.ts'

export interface AdvanceLedgerParameters {
  market: Address
  poolId: bigint
  /** The most jobs to fold into the ledger in this transaction. Default 64. */
  maxSteps?: bigint
}

/**
 * Folds settled and refunded jobs into a pool's payout ledger, in job order. A settlement,
 * refusal or refund folds up to 8 itself; call this when a long-pending job held the ledger back.
 *
 * @example
 * await advanceLedger(anyone, { market, poolId: 1n })
 */
export async function advanceLedger(
  client: TriadClient,
  parameters: AdvanceLedgerParameters,
): Promise<{ hash: Hash }> {
  const { hash } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'advanceLedger',
    args: [parameters.poolId, parameters.maxSteps ?? 64n],
  })
  return { hash }
}
