import { dirname, resolve } from 'node:path'
import { type Hex, isHex } from 'viem'
import { z } from 'zod'
import {
  type ChainConfig,
  chainSectionSchema,
  loadJsonFile,
  readSecretFile,
  resolveChainSection,
} from '../config/index.ts'
import { TriadError } from '../errors/index.ts'

/** A bridge's configuration file, as written on disk. `docs/configuration.md` describes it. */
export const bridgeConfigFileSchema = z.strictObject({
  /** Where the market's deployment file is and how to reach the chain. */
  chain: chainSectionSchema,
  /** The bridge's own status API. */
  api: z.strictObject({ host: z.string().min(1), port: z.number().int().min(0).max(65_535) }),
  /** A file (0600) holding the private key the bridge pays gas with, relative to this file. */
  keyFile: z.string().min(1),
  /** The folder of the bridge's SQLite database, relative to this file. */
  dataDir: z.string().min(1),
  /** How the bridge relays jobs and sends transactions. */
  relay: z
    .strictObject({
      /** The most jobs relayed at once (handed over, polled, submitted). */
      maxJobsInFlight: z.number().int().min(1).max(4_096).default(64),
      /** A transaction not mined after this many milliseconds is sent again with higher fees. */
      bumpAfterMs: z.number().int().min(1_000).default(30_000),
      /** Each fee bump raises the fee caps by this percentage (nodes need at least 10). */
      bumpPercent: z.number().int().min(10).max(500).default(25),
      /** The highest fee per gas the bridge offers, in gwei (default: no cap). */
      maxFeePerGasGwei: z.number().positive().optional(),
    })
    .prefault({}),
})

/** What `triad dev` writes, or an operator, into a bridge configuration file. */
export type BridgeConfigFile = z.input<typeof bridgeConfigFileSchema>

/** A bridge's configuration once loaded: paths absolute, the chain section resolved. */
export interface BridgeConfig extends Omit<z.output<typeof bridgeConfigFileSchema>, 'chain'> {
  readonly chain: ChainConfig
}

/**
 * Reads and validates a bridge's configuration file and the deployment it points to. Relative
 * paths inside it are resolved against the file's folder. Throws `TRIAD_ERR_CONFIG_INVALID`
 * naming the file and each bad field.
 *
 * @example
 * const config = loadBridgeConfig('.triad/bridge/bridge.json')
 */
export function loadBridgeConfig(path: string): BridgeConfig {
  const file = loadJsonFile(path, bridgeConfigFileSchema, {
    what: 'bridge configuration',
    missingHint:
      '`triad dev` writes one at <state>/bridge/bridge.json; docs/configuration.md describes every field.',
    fieldsHint: 'Fix the fields named above; docs/configuration.md describes every field.',
  })
  const folder = dirname(resolve(path))
  return {
    ...file,
    chain: resolveChainSection(file.chain, path),
    keyFile: resolve(folder, file.keyFile),
    dataDir: resolve(folder, file.dataDir),
  }
}

/**
 * Reads the bridge's private key (one line, 0x and 64 hex digits), refusing a file that others
 * can read.
 *
 * @example
 * const privateKey = readBridgeKey('.triad/bridge/key')
 */
export function readBridgeKey(path: string): Hex {
  const key = readSecretFile(path, {
    what: 'bridge key file',
    missingHint: '`triad dev` writes one at <state>/bridge/key; it holds the gas-paying key.',
  }).trim()
  if (!isHex(key) || key.length !== 66) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The bridge key file ${path} does not hold a private key`,
      {
        hint: 'It holds one line: 0x followed by 64 hex digits.',
      },
    )
  }
  return key
}
