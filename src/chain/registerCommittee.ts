import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

/** One MPC node as the contract stores it. */
export interface NodeInfo {
  /** The address whose EIP-712 receipts and results the contract accepts. */
  signer: Address
  /** The node's X25519 public key (32 bytes) that shares are sealed to. */
  encryptionKey: Hex
  /** SHA-256 of the node's TLS certificate, pinned by its peers. */
  tlsFingerprint: Hex
  apiUrl: string
  mpcEndpoint: string
}

export interface RegisterCommitteeParameters {
  market: Address
  /** The nodes in signing order (three today). */
  nodes: readonly NodeInfo[]
}

export interface RegisterCommitteeReturnType {
  committeeId: bigint
  hash: Hash
}

/**
 * Registers a committee of MPC nodes. Only the market owner may.
 *
 * @example
 * const { committeeId } = await registerCommittee(owner, { market, nodes: [node0, node1, node2] })
 */
export async function registerCommittee(
  client: TriadClient,
  parameters: RegisterCommitteeParameters,
): Promise<RegisterCommitteeReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'registerCommittee',
    args: [parameters.nodes],
  })
  const event = findMarketEvent(receipt, parameters.market, 'CommitteeRegistered')
  return { committeeId: event.args.committeeId, hash }
}
