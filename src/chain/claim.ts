import { type Address, type Hash, parseEventLogs } from 'viem'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { writeMarket } from './writeMarket.ts'

export interface ClaimParameters {
  market: Address
  contributionId: bigint
}

export interface ClaimReturnType {
  /** The amount credited to the seller by this call (0 when nothing new was final). */
  amount: bigint
  hash: Hash
}

/**
 * Credits a contribution's earnings from every finalized job it took part in. Anyone may call
 * it; the credit goes to the seller.
 *
 * @example
 * const { amount } = await claim(seller, { market, contributionId })
 */
export async function claim(
  client: TriadClient,
  parameters: ClaimParameters,
): Promise<ClaimReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'claim',
    args: [parameters.contributionId],
  })
  const [event] = parseEventLogs({ abi: triadMarketAbi, logs: receipt.logs, eventName: 'Claimed' })
  return { amount: event?.args.amount ?? 0n, hash }
}
