import type { Address, Hex } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/** `revokedAt` of a contribution that is still active (TriadMarket.NOT_REVOKED). */
export const notRevoked = 2n ** 48n - 1n

export interface Contribution {
  poolId: bigint
  seller: Address
  commitment: Hex
  /** Its position among the pool's contributions. */
  index: bigint
  rows: bigint
  /** The first job sequence that uses it. */
  joinedAt: bigint
  /** The first job sequence that does not use it (`notRevoked` while active). */
  revokedAt: bigint
  claimedUpTo: bigint
  /** What `claim` would credit now. */
  claimable: bigint
}

export interface ReadContributionParameters {
  market: Address
  poolId: bigint
  seller: Address
  commitment: Hex
}

/**
 * Reads a contribution and what a claim would credit now. Unknown contributions throw
 * TRIAD_ERR_CONTRIBUTION_UNKNOWN.
 *
 * @example
 * const { claimable } = await readContribution(client, { market, poolId, seller, commitment })
 */
export async function readContribution(
  client: TriadReadClient,
  parameters: ReadContributionParameters,
): Promise<Contribution> {
  const { market, poolId, seller, commitment } = parameters
  const base = { address: market, abi: triadMarketAbi, args: [poolId, seller, commitment] } as const
  try {
    const [contribution, claimable] = await Promise.all([
      readContract(client, { ...base, functionName: 'getContribution' }),
      readContract(client, { ...base, functionName: 'claimable' }),
    ])
    return { poolId, seller, commitment, ...contribution, claimable }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
