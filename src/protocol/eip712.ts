import type { Address, TypedDataDomain } from 'viem'

/** The EIP-712 domain name and version of the TriadMarket contract. */
export const triadDomainName = 'Triad'
export const triadDomainVersion = '1'

/**
 * The EIP-712 domain nodes sign under and the contract verifies against.
 *
 * @example
 * const domain = triadDomain({ chainId: 31337, verifyingContract: market })
 */
export function triadDomain(parameters: {
  chainId: number
  verifyingContract: Address
}): TypedDataDomain & { chainId: number; verifyingContract: Address } {
  return {
    name: triadDomainName,
    version: triadDomainVersion,
    chainId: parameters.chainId,
    verifyingContract: parameters.verifyingContract,
  }
}

/**
 * A node's receipt that it holds a seller's sealed shares:
 * `Receipt(uint256 poolId,address seller,uint64 rows,bytes32 commitment)`.
 */
export const receiptTypes = {
  Receipt: [
    { name: 'poolId', type: 'uint256' },
    { name: 'seller', type: 'address' },
    { name: 'rows', type: 'uint64' },
    { name: 'commitment', type: 'bytes32' },
  ],
} as const

/**
 * A node's attestation of a job's outcome:
 * `Result(uint256 jobId,uint32 attempt,bytes32 sealedShareHash,uint8 outcome)`. For a delivery,
 * `sealedShareHash = keccak256(sealedShare)`; for a refusal it is zero. `attempt` is the MPC run
 * the share comes from: each run re-randomises the output shares, and the contract accepts a
 * result only when every signing node signed the same attempt.
 */
export const resultTypes = {
  Result: [
    { name: 'jobId', type: 'uint256' },
    { name: 'attempt', type: 'uint32' },
    { name: 'sealedShareHash', type: 'bytes32' },
    { name: 'outcome', type: 'uint8' },
  ],
} as const

/** The outcome a node attests in a Result: Delivered settles the job, Refused refunds it. */
export const ResultOutcome = { Delivered: 1, Refused: 2 } as const
export type ResultOutcome = (typeof ResultOutcome)[keyof typeof ResultOutcome]

/** The job states stored on chain, by their enum index. */
export const JobStatus = { None: 0, Pending: 1, Delivered: 2, Refunded: 3, Refused: 4 } as const
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus]
