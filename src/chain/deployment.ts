import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Address, getAddress, isAddress } from 'viem'
import { TriadError } from '../errors/index.ts'

/** Where a market lives: everything a node, bridge or client needs to find it. */
export interface Deployment {
  chainId: number
  rpcUrl: string
  market: Address
  token: Address
  deployBlock: bigint
}

/** The file name inside a state folder. */
export const deploymentFileName = 'deployment.json'

/**
 * Writes `deployment.json` into `stateDir` (created if missing) and returns its path.
 *
 * @example
 * writeDeployment('.triad', { chainId, rpcUrl, market, token, deployBlock })
 */
export function writeDeployment(stateDir: string, deployment: Deployment): string {
  const path = join(stateDir, deploymentFileName)
  mkdirSync(stateDir, { recursive: true })
  const json = { ...deployment, deployBlock: deployment.deployBlock.toString() }
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`)
  return path
}

/**
 * Reads and validates `deployment.json` from `stateDir`. With `expectedChainId`, also checks
 * that the file is for that chain.
 *
 * @example
 * const { market, rpcUrl } = readDeployment('.triad')
 */
export function readDeployment(
  stateDir: string,
  options: { expectedChainId?: number } = {},
): Deployment {
  const path = join(stateDir, deploymentFileName)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new TriadError('TRIAD_ERR_DEPLOYMENT_MISSING', `No deployment at ${path}`, {
      hint: 'Deploy the market first (`triad dev` does it), or point to the right state folder.',
      cause: error,
    })
  }
  const invalid = (details: string) =>
    new TriadError('TRIAD_ERR_DEPLOYMENT_INVALID', `The deployment file ${path} is invalid`, {
      details,
      hint: 'Delete it and deploy again, or fix the field named above.',
    })
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw invalid(`not JSON: ${(error as Error).message}`)
  }
  if (typeof raw !== 'object' || raw === null) throw invalid('not a JSON object')
  const value = raw as Record<string, unknown>
  const { chainId, rpcUrl, market, token, deployBlock } = value
  if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId <= 0) {
    throw invalid(`chainId must be a positive integer, got ${JSON.stringify(chainId)}`)
  }
  if (typeof rpcUrl !== 'string' || !/^(https?|wss?):\/\//.test(rpcUrl)) {
    throw invalid(`rpcUrl must be an http(s) or ws(s) URL, got ${JSON.stringify(rpcUrl)}`)
  }
  for (const [name, address] of [
    ['market', market],
    ['token', token],
  ] as const) {
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) {
      throw invalid(`${name} must be an address, got ${JSON.stringify(address)}`)
    }
  }
  if (
    !(typeof deployBlock === 'string' && /^\d+$/.test(deployBlock)) &&
    !(typeof deployBlock === 'number' && Number.isSafeInteger(deployBlock) && deployBlock >= 0)
  ) {
    throw invalid(`deployBlock must be a block number, got ${JSON.stringify(deployBlock)}`)
  }
  if (options.expectedChainId !== undefined && options.expectedChainId !== chainId) {
    throw invalid(`it is for chain ${chainId}, not chain ${options.expectedChainId}`)
  }
  return {
    chainId,
    rpcUrl,
    market: getAddress(market as string),
    token: getAddress(token as string),
    deployBlock: BigInt(deployBlock),
  }
}
