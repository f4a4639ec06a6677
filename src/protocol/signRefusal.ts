import { type Address, type Hex, type LocalAccount, zeroHash } from 'viem'
import { ResultOutcome, resultTypes, triadDomain } from './eip712.ts'

export interface SignRefusalParameters {
  /** The node's signing account (its committee `signer`). */
  account: LocalAccount
  chainId: number
  market: Address
  jobId: bigint
  /** The MPC run in which the node refuses; every signer of a refusal signs the same one. */
  attempt: number
}

/**
 * A node's EIP-712 refusal of a job: `Result(jobId, attempt, 0, Refused)`. With the pool's
 * threshold of such signatures, anyone can call `refuseJob`, which refunds the buyer.
 *
 * @example
 * const signature = await signRefusal({ account: nodeAccount, chainId, market, jobId, attempt: 0 })
 */
export function signRefusal(parameters: SignRefusalParameters): Promise<Hex> {
  return parameters.account.signTypedData({
    domain: triadDomain({ chainId: parameters.chainId, verifyingContract: parameters.market }),
    types: resultTypes,
    primaryType: 'Result',
    message: {
      jobId: parameters.jobId,
      attempt: parameters.attempt,
      sealedShareHash: zeroHash,
      outcome: ResultOutcome.Refused,
    },
  })
}
