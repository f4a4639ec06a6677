import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface ContributeParameters {
  market: Address
  poolId: bigint
  rows: bigint
  /** The seller's commitment to its encoded rows. */
  commitment: Hex
  /** Seat i's EIP-712 Receipt signature, in seat order (see `signReceipt`). */
  receipts: readonly Hex[]
}

export interface ContributeReturnType {
  /** The contribution's position among the pool's contributions (0, 1, ...). */
  index: bigint
  /** The pool's job count when the contribution was made: it takes part from that job on. */
  joinedAt: bigint
  hash: Hash
  gasUsed: bigint
}

/**
 * Registers the caller's rows in an open pool with the committee's receipts. A contribution is
 * named by (pool, seller, commitment) and registers once: a repeat (even of a revoked one)
 * throws TRIAD_ERR_COMMITMENT_USED.
 *
 * @example
 * const { index } = await contribute(seller, { market, poolId, rows: 100n, commitment, receipts })
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
  return { index: args.index, joinedAt: args.joinedAt, hash, gasUsed: receipt.gasUsed }
}
