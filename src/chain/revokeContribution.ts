import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RevokeContributionParameters {
  market: Address
  poolId: bigint
  /** The commitment the caller registered the contribution with. */
  commitment: Hex
}

export interface RevokeContributionReturnType {
  /** The pool's job count at revocation: jobs before it still use and pay the contribution. */
  revokedAt: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Withdraws the caller's contribution from future jobs. Unknown contributions throw
 * TRIAD_ERR_CONTRIBUTION_UNKNOWN.
 *
 * @example
 * await revokeContribution(seller, { market, poolId: 1n, commitment })
 */
export async function revokeContribution(
  client: TriadClient,
  parameters: RevokeContributionParameters,
): Promise<RevokeContributionReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'revoke',
    args: [parameters.poolId, parameters.commitment],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'ContributionRevoked')
  return { revokedAt: args.revokedAt, hash, gasUsed: receipt.gasUsed }
}
