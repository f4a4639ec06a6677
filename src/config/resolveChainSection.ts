import { dirname, resolve } from 'node:path'
import type { Address } from 'viem'
import { z } from 'zod'
import { readDeployment } from '../chain/index.ts'
import { isTriadError, TriadError } from '../errors/index.ts'

/**
 * The `chain` section of a node or bridge configuration file: where the market's
 * `deployment.json` is, and how to reach the chain. The market's address, chain id and deploy
 * block come from the deployment file, so they are written once, by whoever deployed.
 */
export const chainSectionSchema = z.strictObject({
  /** The folder holding `deployment.json`, relative to the configuration file. */
  deploymentDir: z.string().min(1),
  /** Overrides the deployment's RPC URL: an operator's own endpoint for the same chain. */
  rpcUrl: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
    .optional(),
  /** Poll interval for chain reads, in milliseconds. */
  pollIntervalMs: z.number().int().positive().default(500),
  /**
   * Blocks the chain watcher stays behind the head: an event is acted on once this many blocks
   * sit on top of its block. Default: 0 on the embedded chain (chain id 31337), 12 elsewhere.
   */
  confirmations: z.number().int().min(0).max(10_000).optional(),
  /** The widest block range of one eth_getLogs call (providers cap it). Default 2,000. */
  maxBlockRange: z.number().int().min(1).max(1_000_000).default(2_000),
})

export type ChainSection = z.output<typeof chainSectionSchema>
export type ChainSectionFile = z.input<typeof chainSectionSchema>

/** The chain section once resolved against its deployment: what a node or bridge uses. */
export interface ChainConfig {
  readonly chainId: number
  /** The configuration's `rpcUrl` if it has one, else the deployment's. */
  readonly rpcUrl: string
  readonly market: Address
  readonly token: Address
  /** The block the market was deployed in: where log scans start. */
  readonly deployBlock: bigint
  readonly pollIntervalMs: number
  /** Blocks the chain watcher stays behind the head (the default resolved). */
  readonly confirmations: number
  readonly maxBlockRange: number
  /** The absolute folder `deployment.json` was read from. */
  readonly deploymentDir: string
}

/**
 * Reads the deployment a configuration's chain section points to (its `deploymentDir` taken
 * relative to `configPath`) and returns the values the services use. A missing or malformed
 * deployment file fails with its own code (`TRIAD_ERR_DEPLOYMENT_MISSING`,
 * `TRIAD_ERR_DEPLOYMENT_INVALID`), naming the configuration that pointed there.
 *
 * @example
 * const chain = resolveChainSection({ deploymentDir: '..', pollIntervalMs: 500 }, '.triad/node-0/node.json')
 * chain.market // from .triad/deployment.json
 */
export function resolveChainSection(section: ChainSection, configPath: string): ChainConfig {
  const deploymentDir = resolve(dirname(resolve(configPath)), section.deploymentDir)
  let deployment: ReturnType<typeof readDeployment>
  try {
    deployment = readDeployment(deploymentDir)
  } catch (error) {
    if (!isTriadError(error)) throw error
    throw new TriadError(error.code, error.shortMessage, {
      cause: error,
      details: [error.details, `chain.deploymentDir in ${configPath} points to ${deploymentDir}`]
        .filter(Boolean)
        .join('; '),
      hint: error.hint,
    })
  }
  return {
    chainId: deployment.chainId,
    rpcUrl: section.rpcUrl ?? deployment.rpcUrl,
    market: deployment.market,
    token: deployment.token,
    deployBlock: deployment.deployBlock,
    pollIntervalMs: section.pollIntervalMs,
    confirmations: section.confirmations ?? defaultConfirmations(deployment.chainId),
    maxBlockRange: section.maxBlockRange,
    deploymentDir,
  }
}

/** The embedded chain (anvil, Hardhat) does not reorganise on its own; public chains do. */
const LOCAL_CHAIN_ID = 31337

/**
 * The confirmations a service waits for when its configuration sets none: 0 on the embedded
 * chain, 12 on any other (a few minutes on Ethereum; raise it for chains with deeper reorgs).
 *
 * @example
 * defaultConfirmations(31337) // 0
 */
export function defaultConfirmations(chainId: number): number {
  return chainId === LOCAL_CHAIN_ID ? 0 : 12
}
