import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TriadError } from '../errors/index.ts'

/** The file `triad dev` writes beside deployment.json, so the other commands find the market. */
export const devnetInfoFileName = 'devnet.json'

/** The anvil account indices of the dev market's roles. */
export const devRoles = {
  deployer: 0,
  treasury: 1,
  bridge: 2,
  curator: 3,
  buyer: 4,
  firstSeller: 5,
} as const

/** What a running dev market adds to its deployment: the bridge, the committee, the accounts. */
export interface DevnetInfo {
  readonly bridgeUrl: string
  readonly committeeId: bigint
  /** The number of funded seller accounts (`dev:seller1` ... `dev:sellerN`). */
  readonly sellers: number
  /** The nodes' API URLs, in seat order. */
  readonly nodes: readonly string[]
}

/**
 * Writes `devnet.json` into a dev market's state folder.
 *
 * @example
 * writeDevnetInfo('.triad', { bridgeUrl, committeeId: 1n, sellers: 5, nodes })
 */
export function writeDevnetInfo(stateDir: string, info: DevnetInfo): string {
  const path = join(stateDir, devnetInfoFileName)
  const json = { ...info, committeeId: info.committeeId.toString() }
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`)
  return path
}

/**
 * Reads `devnet.json` from a state folder; undefined when there is none (a market that
 * `triad dev` did not start).
 *
 * @example
 * const dev = readDevnetInfo('.triad')
 */
export function readDevnetInfo(stateDir: string): DevnetInfo | undefined {
  const path = join(stateDir, devnetInfoFileName)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  try {
    const raw = JSON.parse(text) as Record<string, unknown>
    const { bridgeUrl, committeeId, sellers, nodes } = raw
    if (
      typeof bridgeUrl !== 'string' ||
      typeof committeeId !== 'string' ||
      !/^\d+$/.test(committeeId) ||
      typeof sellers !== 'number' ||
      !Array.isArray(nodes)
    ) {
      throw new Error('a field is missing or of the wrong type')
    }
    return { bridgeUrl, committeeId: BigInt(committeeId), sellers, nodes: nodes.map(String) }
  } catch (error) {
    throw new TriadError('TRIAD_ERR_DEPLOYMENT_INVALID', `The dev market file ${path} is invalid`, {
      details: (error as Error).message,
      hint: 'Start the dev market again with `triad dev`.',
    })
  }
}
