import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'
import type { NodeInfo } from './registerCommittee.ts'

export interface ReadCommitteeParameters {
  market: Address
  committeeId: bigint
}

/**
 * Reads a committee's nodes in signing order.
 *
 * @example
 * const nodes = await readCommittee(client, { market, committeeId: pool.committeeId })
 * const signers = nodes.map((node) => node.signer)
 */
export async function readCommittee(
  client: TriadReadClient,
  parameters: ReadCommitteeParameters,
): Promise<readonly NodeInfo[]> {
  try {
    return await readContract(client, {
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: 'getCommittee',
      args: [parameters.committeeId],
    })
  } catch (error) {
    throw decodeTriadError(error)
  }
}
