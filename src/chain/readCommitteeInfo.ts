import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

export interface CommitteeInfo {
  committeeId: bigint
  /** The number of seats, fixed at registration. */
  size: number
  /** A retired committee takes no new pools, contributions or jobs. */
  retired: boolean
  /** Grows by one at every node rotation; node earnings are kept per epoch. */
  epoch: number
}

export interface ReadCommitteeInfoParameters {
  market: Address
  committeeId: bigint
}

/**
 * Reads a committee's size, retirement and epoch. Unknown committees throw
 * TRIAD_ERR_CONTRACT_REVERTED naming TriadCommitteeUnknown.
 *
 * @example
 * const { epoch, retired } = await readCommitteeInfo(client, { market, committeeId: 1n })
 */
export async function readCommitteeInfo(
  client: TriadReadClient,
  parameters: ReadCommitteeInfoParameters,
): Promise<CommitteeInfo> {
  try {
    const info = await readContract(client, {
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: 'getCommitteeInfo',
      args: [parameters.committeeId],
    })
    return { committeeId: parameters.committeeId, ...info }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
