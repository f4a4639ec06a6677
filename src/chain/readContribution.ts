import type { Address, Hex } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

/** `revokedAt` of a contribution that is still active. */
export const notRevoked = 2n ** 64n - 1n

export interface Contribution {
  contributionId: bigint
  poolId: bigint
  seller: Address
  rows: bigint
  /** The first job index that uses it. */
  joinedAt: bigint
  /** The first job index that does not use it (`notRevoked` while active). */
  revokedAt: bigint
  claimedUpTo: bigint
  commitment: Hex
  /** What `claim` would credit now. */
  claimable: bigint
}

export interface ReadContributionParameters {
  market: Address
  contributionId: bigint
}

/**
 * Reads a contribution and what a claim would credit now.
 *
 * @example
 * const { claimable } = await readContribution(client, { market, contributionId: 3n })
 */
export async function readContribution(
  client: TriadReadClient,
  parameters: ReadContributionParameters,
): Promise<Contribution> {
  const base = {
    address: parameters.market,
    abi: triadMarketAbi,
    args: [parameters.contributionId],
  } as const
  try {
    const [contribution, claimable] = await Promise.all([
      readContract(client, { ...base, functionName: 'getContribution' }),
      readContract(client, { ...base, functionName: 'claimable' }),
    ])
    return { contributionId: parameters.contributionId, ...contribution, claimable }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
