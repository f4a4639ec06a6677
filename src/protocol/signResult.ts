import { type Address, type Hex, keccak256, type LocalAccount } from 'viem'
import { ResultOutcome, resultTypes, triadDomain } from './eip712.ts'

export interface SignResultParameters {
  /** The node's signing account (its committee `signer`). */
  account: LocalAccount
  chainId: number
  market: Address
  jobId: bigint
  /**
   * The MPC run (0, 1, ...) that produced the share. Every node of a result must sign the same
   * attempt: shares of different runs do not combine, and the contract rejects the mix.
   */
  attempt: number
  /** The node's result share, sealed to the buyer's key: exactly the bytes submitted on chain. */
  sealedShare: Hex
}

/**
 * A node's EIP-712 attestation of its sealed result share for a job:
 * `Result(jobId, attempt, keccak256(sealedShare), Delivered)`. A refusal is `signRefusal`.
 *
 * @example
 * const signature = await signResult({ account: nodeAccount, chainId, market, jobId, attempt: 0, sealedShare })
 */
export function signResult(parameters: SignResultParameters): Promise<Hex> {
  return parameters.account.signTypedData({
    domain: triadDomain({ chainId: parameters.chainId, verifyingContract: parameters.market }),
    types: resultTypes,
    primaryType: 'Result',
    message: {
      jobId: parameters.jobId,
      attempt: parameters.attempt,
      sealedShareHash: keccak256(parameters.sealedShare),
      outcome: ResultOutcome.Delivered,
    },
  })
}
