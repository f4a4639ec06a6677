import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import {
  type ChainConfig,
  chainSectionSchema,
  loadJsonFile,
  resolveChainSection,
} from '../config/index.ts'
import { decimalBigint } from '../protocol/zodTypes.ts'

const endpoint = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
})

/** A node's configuration file, as written on disk. `docs/configuration.md` describes it. */
export const nodeConfigFileSchema = z.strictObject({
  /** This node's seat in its committee: 0, 1 or 2. */
  index: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  /** Where the market's deployment file is and how to reach the chain. */
  chain: chainSectionSchema,
  /** The committee this node serves, as registered on chain. */
  committeeId: decimalBigint,
  /** The HTTP API for sellers and bridges. */
  api: endpoint,
  /** The TLS listener for the other nodes of the committee. */
  mpc: endpoint,
  /** The key file (0600), relative to the config file. */
  keysFile: z.string().min(1),
  /** The folder of the SQLite database, relative to the config file. */
  dataDir: z.string().min(1),
})

/** What `triad dev` writes, or an operator, into a node configuration file. */
export type NodeConfigFile = z.input<typeof nodeConfigFileSchema>

/** A node's configuration once loaded: paths absolute, the chain section resolved. */
export interface NodeConfig extends Omit<z.output<typeof nodeConfigFileSchema>, 'chain'> {
  readonly chain: ChainConfig
}

/** Where a node configuration comes from, for the hint when it is missing. */
const missingHint =
  '`triad dev` writes one for each node at <state>/node-<i>/node.json; docs/configuration.md describes every field.'

/**
 * Reads and validates a node's configuration file and the deployment it points to. Relative
 * paths inside it are resolved against the file's folder. Throws `TRIAD_ERR_CONFIG_INVALID`
 * naming the file and each bad field, or a deployment error when `chain.deploymentDir` holds
 * no valid `deployment.json`.
 *
 * @example
 * const config = loadNodeConfig('.triad/node-0/node.json')
 * config.chain.market // read from .triad/deployment.json
 */
export function loadNodeConfig(path: string): NodeConfig {
  const file = loadJsonFile(path, nodeConfigFileSchema, {
    what: 'node configuration',
    missingHint,
    fieldsHint: 'Fix the fields named above; docs/configuration.md describes every field.',
  })
  const folder = dirname(resolve(path))
  return {
    ...file,
    chain: resolveChainSection(file.chain, path),
    keysFile: resolve(folder, file.keysFile),
    dataDir: resolve(folder, file.dataDir),
  }
}
