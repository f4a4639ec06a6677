import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface SubmitResultParameters {
  market: Address
  jobId: bigint
  /** The MPC run all shares come from; every signature must be over this same attempt. */
  attempt: number
  /** Node i's result share sealed to the buyer's key, in committee order. */
  sealedShares: readonly Hex[]
  /** Node i's EIP-712 Result signature over (jobId, attempt, keccak256(sealedShares[i])) (see `signResult`). */
  signatures: readonly Hex[]
}

export interface SubmitResultReturnType {
  hash: Hash
  blockNumber: bigint
  gasUsed: bigint
}

/**
 * Submits the committee's result for a pending job; anyone may. A job already settled throws
 * TRIAD_ERR_JOB_NOT_PENDING (TriadJobNotPending), which a relayer treats as done.
 * Shares and signatures of different attempts throw TRIAD_ERR_SIGNATURE_INVALID.
 *
 * @example
 * await submitResult(relayer, { market, jobId, attempt: 0, sealedShares, signatures })
 */
export async function submitResult(
  client: TriadClient,
  parameters: SubmitResultParameters,
): Promise<SubmitResultReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'submitResult',
    args: [parameters.jobId, parameters.attempt, parameters.sealedShares, parameters.signatures],
  })
  findMarketEvent(receipt, parameters.market, 'JobCompleted')
  return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
}
