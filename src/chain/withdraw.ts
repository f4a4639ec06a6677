import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface WithdrawParameters {
  market: Address
  token: Address
}

export interface WithdrawReturnType {
  amount: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Transfers the caller's whole credit in `token` to it. Nothing to withdraw throws
 * TRIAD_ERR_CONTRACT_REVERTED naming TriadNothingToWithdraw.
 *
 * @example
 * const { amount } = await withdraw(seller, { market, token })
 */
export async function withdraw(
  client: TriadClient,
  parameters: WithdrawParameters,
): Promise<WithdrawReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'withdraw',
    args: [parameters.token],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'Withdrawn')
  return { amount: args.amount, hash, gasUsed: receipt.gasUsed }
}
