import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

export interface ReadNodeEarningsParameters {
  market: Address
  committeeId: bigint
  epoch: number
  token: Address
}

export interface NodeEarnings {
  /** What each seat of the epoch has earned in `token`, in total. */
  earnedPerSeat: bigint
  /** What each seat has been credited of it (by `claimNodeEarnings`). */
  claimedPerSeat: bigint
  /** What `claimNodeEarnings` would credit each seat's signer now. */
  claimablePerSeat: bigint
}

/**
 * Reads what each seat of a committee epoch earned in node fees, and how much is still to claim.
 *
 * @example
 * const { claimablePerSeat } = await readNodeEarnings(client, { market, committeeId: 1n, epoch: 0, token })
 */
export async function readNodeEarnings(
  client: TriadReadClient,
  parameters: ReadNodeEarningsParameters,
): Promise<NodeEarnings> {
  try {
    const [earnedPerSeat, claimedPerSeat] = await readContract(client, {
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: 'nodeEarnings',
      args: [parameters.committeeId, parameters.epoch, parameters.token],
    })
    return { earnedPerSeat, claimedPerSeat, claimablePerSeat: earnedPerSeat - claimedPerSeat }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
