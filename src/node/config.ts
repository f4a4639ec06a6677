import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { getAddress } from 'viem'
import { z } from 'zod'
import { TriadError } from '../errors/index.ts'

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an address: 0x followed by 40 hex digits')
  .transform((value) => getAddress(value))
const endpoint = z.object({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65_535),
})

export const nodeConfigSchema = z.object({
  /** This node's seat in its committee: 0, 1 or 2. */
  index: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  chain: z.object({
    rpcUrl: z.string().url(),
    chainId: z.number().int().positive(),
    market: address,
    /** The block the market was deployed in: where log scans start. */
    deployBlock: z
      .string()
      .regex(/^\d+$/)
      .transform((value) => BigInt(value)),
    /** Poll interval for chain reads, in milliseconds. */
    pollIntervalMs: z.number().int().positive().default(500),
  }),
  /** The committee this node serves, as registered on chain. */
  committeeId: z
    .string()
    .regex(/^\d+$/)
    .transform((value) => BigInt(value)),
  /** The HTTP API for sellers and bridges. */
  api: endpoint,
  /** The TLS listener for the other nodes of the committee. */
  mpc: endpoint,
  /** The key file (0600), relative to the config file. */
  keysFile: z.string().min(1),
  /** The folder of the SQLite database, relative to the config file. */
  dataDir: z.string().min(1),
})

export type NodeConfig = z.output<typeof nodeConfigSchema>
export type NodeConfigInput = z.input<typeof nodeConfigSchema>

/**
 * Reads and validates a node's configuration file; relative paths inside it are resolved
 * against the file's folder. Throws `TRIAD_ERR_CONFIG_INVALID` naming each bad field.
 *
 * @example
 * const config = loadNodeConfig('.triad/node-0/node.json')
 */
export function loadNodeConfig(path: string): NodeConfig {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `Cannot read the node configuration ${path}`, {
      cause,
      hint: 'Create one with `triad node init`.',
    })
  }
  const parsed = nodeConfigSchema.safeParse(raw)
  if (!parsed.success) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The node configuration ${path} is invalid`, {
      details: parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; '),
    })
  }
  const folder = dirname(resolve(path))
  return {
    ...parsed.data,
    keysFile: resolve(folder, parsed.data.keysFile),
    dataDir: resolve(folder, parsed.data.dataDir),
  }
}
