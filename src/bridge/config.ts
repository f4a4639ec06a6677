import { readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { getAddress, type Hex, isHex } from 'viem'
import { z } from 'zod'
import { TriadError } from '../errors/index.ts'

export const bridgeConfigSchema = z.object({
  chain: z.object({
    rpcUrl: z.string().url(),
    chainId: z.number().int().positive(),
    market: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, 'an address')
      .transform((value) => getAddress(value)),
    deployBlock: z
      .string()
      .regex(/^\d+$/)
      .transform((value) => BigInt(value)),
    pollIntervalMs: z.number().int().positive().default(500),
  }),
  /** The bridge's own status API. */
  api: z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65_535) }),
  /** A file (0600) holding the private key the bridge pays gas with, relative to this file. */
  keyFile: z.string().min(1),
  /** The folder of the bridge's SQLite database, relative to this file. */
  dataDir: z.string().min(1),
})

export type BridgeConfig = z.output<typeof bridgeConfigSchema>
export type BridgeConfigInput = z.input<typeof bridgeConfigSchema>

/** Reads and validates a bridge's configuration file. */
export function loadBridgeConfig(path: string): BridgeConfig {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `Cannot read the bridge configuration ${path}`,
      { cause },
    )
  }
  const parsed = bridgeConfigSchema.safeParse(raw)
  if (!parsed.success) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The bridge configuration ${path} is invalid`,
      {
        details: parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; '),
      },
    )
  }
  const folder = dirname(resolve(path))
  return {
    ...parsed.data,
    keyFile: resolve(folder, parsed.data.keyFile),
    dataDir: resolve(folder, parsed.data.dataDir),
  }
}

/** Reads the bridge's private key, refusing a file that others can read. */
export function readBridgeKey(path: string): Hex {
  const mode = statSync(path).mode & 0o777
  if ((mode & 0o077) !== 0) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The bridge key file ${path} is readable by others`,
      {
        hint: `Run: chmod 600 ${path}`,
      },
    )
  }
  const key = readFileSync(path, 'utf8').trim()
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
