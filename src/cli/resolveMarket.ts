import { existsSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { type Deployment, deploymentFileName, readDeployment } from '../chain/deployment.ts'
import { type DevnetInfo, readDevnetInfo } from '../devnet/devnetInfo.ts'
import { TriadError } from '../errors/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import type { MarketOptions } from './marketOptions.ts'

/** A market as a command found it. */
export interface ResolvedMarket {
  readonly deployment: Deployment
  readonly market: MarketRef
  /** The folder the CLI keeps its files in (result keys under `jobs/`). */
  readonly stateDir: string
  /** What `triad dev` wrote about the market, when it is a dev market. */
  readonly dev: DevnetInfo | undefined
  /** A bridge status API for progress: `--bridge-url`, else the dev market's. */
  readonly bridgeUrl: string | undefined
}

/**
 * Finds the market a command talks to: `--deployment` (a deployment.json or its folder), else
 * the state folder of `triad dev` (`--state`, default `.triad`); `--rpc-url` overrides the
 * deployment's endpoint.
 *
 * @throws TriadError TRIAD_ERR_DEPLOYMENT_MISSING with how to start or name a market.
 */
export function resolveMarket(options: MarketOptions): ResolvedMarket {
  const stateDir = resolve(options.state)
  let deployment: Deployment
  let dev: DevnetInfo | undefined
  if (options.deployment) {
    const path = resolve(options.deployment)
    const isFolder = existsSync(path) && statSync(path).isDirectory()
    if (!isFolder && basename(path) !== deploymentFileName) {
      throw new TriadError(
        'TRIAD_ERR_USAGE',
        `--deployment must be a folder or a ${deploymentFileName}`,
        {
          details: `got ${options.deployment}`,
        },
      )
    }
    deployment = readDeployment(isFolder ? path : dirname(path))
  } else {
    if (!existsSync(resolve(stateDir, deploymentFileName))) {
      throw new TriadError('TRIAD_ERR_DEPLOYMENT_MISSING', `No market found in ${stateDir}`, {
        details: `there is no ${deploymentFileName} there`,
        hint: 'Start a local market with `triad dev` (it keeps running; use another terminal), or name one with --deployment <dir> [--rpc-url <url>].',
      })
    }
    deployment = readDeployment(stateDir)
    dev = readDevnetInfo(stateDir)
  }
  if (options.rpcUrl) {
    if (!/^https?:\/\//.test(options.rpcUrl)) {
      throw new TriadError(
        'TRIAD_ERR_USAGE',
        `--rpc-url must be an http(s) URL, got ${options.rpcUrl}`,
      )
    }
    deployment = { ...deployment, rpcUrl: options.rpcUrl }
  }
  return {
    deployment,
    market: { chainId: deployment.chainId, market: deployment.market },
    stateDir,
    dev,
    bridgeUrl: options.bridgeUrl ?? dev?.bridgeUrl,
  }
}
