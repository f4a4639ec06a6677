import type { Address } from 'viem'
import { readContract } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

export interface ReadCreditsParameters {
  market: Address
  account: Address
  token: Address
}

/**
 * Reads what `account` can withdraw in `token` now.
 *
 * @example
 * const credit = await readCredits(client, { market, account: node0, token })
 */
export async function readCredits(
  client: TriadReadClient,
  parameters: ReadCreditsParameters,
): Promise<bigint> {
  try {
    return await readContract(client, {
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: 'credits',
      args: [parameters.account, parameters.token],
    })
  } catch (error) {
    throw decodeTriadError(error)
  }
}
