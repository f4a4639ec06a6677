import { type Address, type Hash, parseEventLogs } from 'viem'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { writeMarket } from './writeMarket.ts'

export interface ClaimNodeEarningsParameters {
  market: Address
  committeeId: bigint
  /** The committee epoch whose seats are credited (`readCommitteeInfo` gives the current one). */
  epoch: number
  token: Address
}

export interface ClaimNodeEarningsReturnType {
  /** What each seat's signer of the epoch was credited by this call (0 when nothing was new). */
  amountPerSeat: bigint
  hash: Hash
}

/**
 * Credits every seat's signer of a committee epoch with its share of the node fees earned since
 * the last claim; anyone may call it. The signers then `withdraw`.
 *
 * @example
 * await claimNodeEarnings(operator, { market, committeeId: 1n, epoch: 0, token })
 * await withdraw(operator, { market, token })
 */
export async function claimNodeEarnings(
  client: TriadClient,
  parameters: ClaimNodeEarningsParameters,
): Promise<ClaimNodeEarningsReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'claimNodeEarnings',
    args: [parameters.committeeId, parameters.epoch, parameters.token],
  })
  const [event] = parseEventLogs({
    abi: triadMarketAbi,
    logs: receipt.logs,
    eventName: 'NodeEarningsClaimed',
  })
  return { amountPerSeat: event?.args.amountPerSeat ?? 0n, hash }
}
