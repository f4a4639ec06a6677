import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface ContributeParameters {
  market: Address
  poolId: bigint
  rows: bigint
  /** The seller's commitment to its encoded rows. */
  commitment: Hex
  /** Node i's EIP-712 Receipt signature, in committee order (see `signReceipt`). */
  receipts: readonly Hex[]
}

export interface ContributeReturnType {
  contributionId: bigint
  /** The pool's job count when the contribution was made: it takes part from that job on. */
  joinedAt: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Registers the caller's rows in a pool with the committee's receipts. A commitment registers
 * once per pool and seller: a repeat (even of a revoked contribution) throws
 * TRIAD_ERR_COMMITMENT_USED.
 *
 * @example
 * const { contributionId } = await contribute(seller, { market, poolId, rows: 100n, commitment, receipts })
 */
export async function contribute(
  client: TriadClient,
  parameters: ContributeParameters,
): Promise<ContributeReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'contribute',
    args: [parameters.poolId, parameters.rows, parameters.commitment, parameters.receipts],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'Contributed')
  return {
    contributionId: args.contributionId,
    joinedAt: args.joinedAt,
    hash,
    gasUsed: receipt.gasUsed,
  }
}
