import { type Address, erc20Abi } from 'viem'
import { readContract } from 'viem/actions'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { decodeTriadError } from '../chain/decodeTriadError.ts'

/** What a person needs to read amounts of a token. */
export interface TokenInfo {
  readonly address: Address
  readonly symbol: string
  readonly decimals: number
}

/**
 * Reads a token's symbol and decimals, for showing amounts (`formatUnits(price, decimals)`).
 *
 * @example
 * const { symbol, decimals } = await readTokenInfo(client, { token: pool.token })
 */
export async function readTokenInfo(
  client: TriadReadClient,
  parameters: { token: Address },
): Promise<TokenInfo> {
  try {
    const [symbol, decimals] = await Promise.all([
      readContract(client, { address: parameters.token, abi: erc20Abi, functionName: 'symbol' }),
      readContract(client, { address: parameters.token, abi: erc20Abi, functionName: 'decimals' }),
    ])
    return { address: parameters.token, symbol, decimals }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
