import { type Address, type Hash, parseEventLogs } from 'viem'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { writeMarket } from './writeMarket.ts'

export interface ClaimMarketFeesParameters {
  market: Address
  token: Address
}

export interface ClaimMarketFeesReturnType {
  /** What the treasury was credited by this call (0 when nothing was new). */
  amount: bigint
  hash: Hash
}

/**
 * Credits the treasury with the market fees in `token` not yet claimed; anyone may call it.
 * The treasury then `withdraw`s.
 *
 * @example
 * await claimMarketFees(treasury, { market, token })
 * await withdraw(treasury, { market, token })
 */
export async function claimMarketFees(
  client: TriadClient,
  parameters: ClaimMarketFeesParameters,
): Promise<ClaimMarketFeesReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'claimMarketFees',
    args: [parameters.token],
  })
  const [event] = parseEventLogs({
    abi: triadMarketAbi,
    logs: receipt.logs,
    eventName: 'MarketFeesClaimed',
  })
  return { amount: event?.args.amount ?? 0n, hash }
}
