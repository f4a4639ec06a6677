import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import {
  type ChainConfig,
  chainSectionSchema,
  loadJsonFile,
  resolveChainSection,
} from '../config/index.ts'
import { MAX_UPLOAD_BYTES } from '../protocol/uploadRequest.ts'
import { decimalBigint } from '../protocol/zodTypes.ts'

const endpoint = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
})

/** The largest upload body a node accepts by default (the SDK bounds its uploads to it). */
export const DEFAULT_MAX_BODY_BYTES = MAX_UPLOAD_BYTES

const apiSection = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
  /**
   * Serve plain HTTP instead of HTTPS. For a dev market on one machine only: the HTTPS API
   * presents the node's TLS certificate, whose fingerprint clients pin from the chain.
   */
  insecurePlainHttp: z.boolean().default(false),
  /** The largest request body, in bytes; larger ones get 413 `TRIAD_ERR_UPLOAD_TOO_LARGE`. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1_024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_MAX_BODY_BYTES),
})

/** Where the passphrase of an encrypted key file comes from. */
const passphraseSource = z.union([
  z.strictObject({
    /** An environment variable of the node's process. */
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
  }),
  z.strictObject({
    /** A file (mode 0600) holding the passphrase, relative to the config file. */
    file: z.string().min(1),
  }),
])

/** Where the passphrase of an encrypted key file comes from, once loaded (paths absolute). */
export type PassphraseSource = { readonly env: string } | { readonly file: string }

/** A node's configuration file, as written on disk. `docs/configuration.md` describes it. */
export const nodeConfigFileSchema = z.strictObject({
  /** This node's seat in its committee: 0, 1 or 2. */
  index: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  /** Where the market's deployment file is and how to reach the chain. */
  chain: chainSectionSchema,
  /**
   * The committee this node serves, as registered on chain. Absent until the market owner has
   * registered the committee with this node's record (`triad node init` prints it).
   */
  committeeId: decimalBigint.optional(),
  /** The HTTPS API for sellers and bridges. */
  api: apiSection,
  /** The TLS listener for the other nodes of the committee. */
  mpc: endpoint,
  /**
   * A separate plain-HTTP listener for `/metrics` and `/healthz` (e.g. on a private interface
   * for Prometheus). When set, the public API no longer serves `/metrics`.
   */
  metrics: endpoint.optional(),
  /** The key file (0600), relative to the config file. */
  keysFile: z.string().min(1),
  /** Set when the key file is encrypted: where its passphrase comes from. */
  keysPassphrase: passphraseSource.optional(),
  /** The folder of the SQLite database, relative to the config file. */
  dataDir: z.string().min(1),
  /** How the node runs jobs. */
  jobs: z
    .strictObject({
      /**
       * The most job attempts computing at once, each in its own MPC session with the peers;
       * hand-overs beyond it get 503 `TRIAD_ERR_NODE_BUSY` and are handed over again later.
       */
      maxConcurrent: z.number().int().min(1).max(4_096).default(64),
    })
    .prefault({}),
})

/** What `triad dev` writes, or an operator, into a node configuration file. */
export type NodeConfigFile = z.input<typeof nodeConfigFileSchema>

/** A node's configuration once loaded: paths absolute, the chain section resolved. */
export interface NodeConfig
  extends Omit<z.output<typeof nodeConfigFileSchema>, 'chain' | 'keysPassphrase'> {
  readonly chain: ChainConfig
  readonly keysPassphrase: PassphraseSource | undefined
}

/** Where a node configuration comes from, for the hint when it is missing. */
const missingHint =
  '`triad node init <dir>` writes one (<dir>/node.json); `triad dev` writes one for each node at <state>/node-<i>/node.json; docs/configuration.md describes every field.'

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
    keysPassphrase:
      file.keysPassphrase && 'file' in file.keysPassphrase
        ? { file: resolve(folder, file.keysPassphrase.file) }
        : file.keysPassphrase,
    dataDir: resolve(folder, file.dataDir),
  }
}
