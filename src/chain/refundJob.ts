import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RefundJobParameters {
  market: Address
  jobId: bigint
}

export interface RefundJobReturnType {
  /** The amount credited back to the buyer (withdraw it with `withdraw`). */
  amount: bigint
  buyer: Address
  hash: Hash
  gasUsed: bigint
}

/**
 * Refunds a job whose deadline passed without a result; anyone may call it. Before the deadline
 * (chain time) it throws TRIAD_ERR_JOB_NOT_EXPIRED; for a job already delivered or refunded,
 * TRIAD_ERR_JOB_NOT_PENDING.
 *
 * @example
 * const { amount } = await refundJob(buyer, { market, jobId })
 * await withdraw(buyer, { market, token })
 */
export async function refundJob(
  client: TriadClient,
  parameters: RefundJobParameters,
): Promise<RefundJobReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'refund',
    args: [parameters.jobId],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'JobRefunded')
  return { amount: args.amount, buyer: args.buyer, hash, gasUsed: receipt.gasUsed }
}
