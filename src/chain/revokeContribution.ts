import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RevokeContributionParameters {
  market: Address
  contributionId: bigint
}

export interface RevokeContributionReturnType {
  /** The pool's job count at revocation: jobs before it still use and pay the contribution. */
  revokedAt: bigint
  hash: Hash
}

/**
 * Withdraws the caller's contribution from future jobs.
 *
 * @example
 * await revokeContribution(seller, { market, contributionId: 4n })
 */
export async function revokeContribution(
  client: TriadClient,
  parameters: RevokeContributionParameters,
): Promise<RevokeContributionReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'revoke',
    args: [parameters.contributionId],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'ContributionRevoked')
  return { revokedAt: args.revokedAt, hash }
}
