import { type Address, type Hash, type Hex, parseEventLogs } from 'viem'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { writeMarket } from './writeMarket.ts'

export interface ClaimParameters {
  market: Address
  poolId: bigint
  /** The contribution's seller: the credit goes to it whoever calls. */
  seller: Address
  commitment: Hex
}

export interface ClaimReturnType {
  /** The amount credited to the seller by this call (0 when nothing new was final). */
  amount: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Credits a contribution's earnings from every folded job it took part in. Anyone may call it;
 * the credit goes to the seller, who then calls `withdraw`.
 *
 * @example
 * const { amount } = await claim(seller, { market, poolId, seller: seller.account.address, commitment })
 */
export async function claim(
  client: TriadClient,
  parameters: ClaimParameters,
): Promise<ClaimReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'claim',
    args: [parameters.poolId, parameters.seller, parameters.commitment],
  })
  const [event] = parseEventLogs({ abi: triadMarketAbi, logs: receipt.logs, eventName: 'Claimed' })
  return { amount: event?.args.amount ?? 0n, hash, gasUsed: receipt.gasUsed }
}
