import type { Address, Hash } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import type { NodeInfo } from './registerCommittee.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RotateNodeParameters {
  market: Address
  committeeId: bigint
  /** The seat to replace (0-based, below the committee's size). */
  seat: number
  /** The new node; its signer, encryption key and TLS fingerprint differ from the other seats'. */
  node: NodeInfo
}

export interface RotateNodeReturnType {
  /** The committee's epoch from now on. Earnings of earlier epochs stay with their signers. */
  epoch: number
  previousSigner: Address
  hash: Hash
}

/**
 * Replaces the node in one seat of a committee; only the market owner may. From the new epoch
 * on, receipts and results need the new node's signature: a rotated-out key settles nothing.
 *
 * @example
 * const { epoch } = await rotateNode(owner, { market, committeeId: 1n, seat: 2, node: replacement })
 */
export async function rotateNode(
  client: TriadClient,
  parameters: RotateNodeParameters,
): Promise<RotateNodeReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'rotateNode',
    args: [parameters.committeeId, BigInt(parameters.seat), parameters.node],
  })
  const { args } = findMarketEvent(receipt, parameters.market, 'NodeRotated')
  return { epoch: args.epoch, previousSigner: args.previousSigner, hash }
}
