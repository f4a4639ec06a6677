import { type Address, getAddress, type Hash } from 'viem'
import { TriadError } from '../errors/index.ts'
import {
  testStablecoinAbi,
  testStablecoinBytecode,
  triadMarketAbi,
  triadMarketBytecode,
} from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

export interface DeployMarketParameters {
  /** The market owner (governs committees and the treasury). Default: the deployer. */
  owner?: Address
  /** The receiver of the market's share. Default: the owner. */
  treasury?: Address
  /** An existing payment token; when omitted a TestStablecoin is deployed. */
  token?: Address
  /**
   * The market share new pools must give (the market fee, `minBps`) and may give at most
   * (`maxBps`), in basis points. Default 0 to 2000 (20 %); the owner can change them.
   */
  marketShareBounds?: { minBps: number; maxBps: number }
}

/** The market share bounds a market is deployed with unless told otherwise. */
export const defaultMarketShareBounds = { minBps: 0, maxBps: 2000 } as const

export interface DeployMarketReturnType {
  chainId: number
  market: Address
  token: Address
  /** The block of the market's deployment: where log scans start. */
  deployBlock: bigint
}

export type DeployMarketErrorType = TriadError

async function deploy(client: TriadClient, hash: Promise<Hash>, name: string) {
  const receipt = await client.waitForTransactionReceipt({ hash: await hash })
  if (receipt.status !== 'success' || !receipt.contractAddress) {
    throw new TriadError('TRIAD_ERR_TRANSACTION_FAILED', `Deploying ${name} failed`, {
      details: `transaction ${receipt.transactionHash}`,
    })
  }
  return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber }
}

/**
 * Deploys TestStablecoin (unless a token is given) and TriadMarket from the client's account.
 *
 * @example
 * const deployer = createTriadClient({ rpcUrl, chainId, privateKey })
 * const { market, token, deployBlock } = await deployMarket(deployer)
 */
export async function deployMarket(
  client: TriadClient,
  parameters: DeployMarketParameters = {},
): Promise<DeployMarketReturnType> {
  const owner = parameters.owner ?? client.account.address
  const treasury = parameters.treasury ?? owner
  const bounds = parameters.marketShareBounds ?? defaultMarketShareBounds
  try {
    const token =
      parameters.token ??
      (
        await deploy(
          client,
          client.deployContract({ abi: testStablecoinAbi, bytecode: testStablecoinBytecode }),
          'TestStablecoin',
        )
      ).address
    const market = await deploy(
      client,
      client.deployContract({
        abi: triadMarketAbi,
        bytecode: triadMarketBytecode,
        args: [owner, treasury, bounds.minBps, bounds.maxBps],
      }),
      'TriadMarket',
    )
    return { chainId: client.chain.id, market: market.address, token, deployBlock: market.block }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
