import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Address, Hex } from 'viem'
import type { NodeInfo } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { loadNodeConfig, type NodeConfig, type NodeConfigFile } from './config.ts'
import {
  generateNodeKeys,
  type NodeKeys,
  publicIdentityOf,
  readNodeKeys,
  readNodePublicIdentity,
  writeNodeKeys,
} from './keys.ts'
import { encryptNodeKeys } from './keystore/encryptNodeKeys.ts'
import { MIN_PASSPHRASE_LENGTH } from './readKeysPassphrase.ts'

/** What an operator publishes so the market owner can register the node in a committee. */
export interface NodeRecord extends NodeInfo {
  /** The seat (0, 1 or 2) the node takes: committees list their nodes in seat order. */
  readonly seat: 0 | 1 | 2
  readonly chainId: number
  readonly market: Address
}

export interface InitNodeParameters {
  /** The node's folder: node.json, keys.json, record.json and data/ go here. */
  readonly dir: string
  /** The folder holding the market's deployment.json. */
  readonly deploymentDir: string
  readonly seat: 0 | 1 | 2
  /** The committee, when it is already registered; else added to node.json later. */
  readonly committeeId?: bigint
  /** The public URL sellers and bridges reach the API at: `https://host:port`. */
  readonly apiUrl: string
  /** The public `host:port` the other two nodes dial. */
  readonly mpcEndpoint: string
  /** Where the API listens; default all interfaces, the port of `apiUrl`. */
  readonly apiListen?: { readonly host: string; readonly port: number }
  /** Where the MPC listener listens; default all interfaces, the port of `mpcEndpoint`. */
  readonly mpcListen?: { readonly host: string; readonly port: number }
  /** A separate plain-HTTP listener for `/metrics` and `/healthz` (a private interface). */
  readonly metricsListen?: { readonly host: string; readonly port: number }
  /** The operator's own JSON-RPC endpoint, overriding the deployment's. */
  readonly rpcUrl?: string
  readonly pollIntervalMs?: number
  /** Blocks the chain watcher stays behind the head (default: 0 on chain 31337, else 12). */
  readonly confirmations?: number
  /** Serve plain HTTP (a dev market on one machine); `apiUrl` is then `http://`. */
  readonly insecurePlainHttp?: boolean
  /** Encrypt the key file: the passphrase now, and where the node reads it at start. */
  readonly encryption?: {
    readonly passphrase: string
    /** `{ env }` names a variable; `{ file }` a path (absolute or relative to the cwd). */
    readonly source: { readonly env: string } | { readonly file: string }
    /** The scrypt cost; the default is `defaultScryptParameters`. */
    readonly scrypt?: { readonly n: number; readonly r: number; readonly p: number }
  }
  /** Use these keys instead of fresh ones (the dev market generates and registers first). */
  readonly keys?: NodeKeys
}

export interface InitNodeReturnType {
  readonly configFile: string
  readonly keysFile: string
  readonly recordFile: string
  readonly record: NodeRecord
  /** The configuration as `triad node start` loads it. */
  readonly config: NodeConfig
}

/**
 * Sets up a node's folder: fresh keys (secp256k1 signing key, X25519 sealing key, P-256 TLS key
 * and self-signed certificate) in a key file of mode 0600, in the clear or encrypted
 * (`encryption`); one configuration file; and the public record the operator publishes. Refuses
 * a folder that already holds a node (`TRIAD_ERR_NODE_INIT_EXISTS`), and checks what it wrote
 * by loading it back with the loaders `triad node start` uses, removing it all if that fails.
 * Nothing secret is returned except through the key file.
 *
 * @example
 * const { record } = await initNode({
 *   dir: '/var/lib/triad/node',
 *   deploymentDir: '/etc/triad/market',
 *   seat: 0,
 *   apiUrl: 'https://node0.example.org:8443',
 *   mpcEndpoint: 'node0.example.org:7100',
 * })
 */
export async function initNode(parameters: InitNodeParameters): Promise<InitNodeReturnType> {
  const dir = resolve(parameters.dir)
  const apiUrl = checkApiUrl(parameters.apiUrl, parameters.insecurePlainHttp ?? false)
  const mpcPort = endpointPort(parameters.mpcEndpoint)
  const encryption = parameters.encryption
  if (encryption && encryption.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new TriadError(
      'TRIAD_ERR_KEYSTORE_WEAK_PASSPHRASE',
      `The key file passphrase has ${encryption.passphrase.length} characters; at least ${MIN_PASSPHRASE_LENGTH} are needed`,
      { hint: 'Use a long random passphrase from your secret manager (e.g. 6 random words).' },
    )
  }

  const configFile = join(dir, 'node.json')
  const keysFile = join(dir, 'keys.json')
  const recordFile = join(dir, 'record.json')
  const dataFile = join(dir, 'data', 'node.sqlite')
  const existing = [configFile, keysFile, recordFile, dataFile].filter((path) => existsSync(path))
  if (existing.length > 0) {
    throw new TriadError(
      'TRIAD_ERR_NODE_INIT_EXISTS',
      `${dir} already holds a node; nothing was overwritten`,
      {
        details: `found ${existing.join(', ')}`,
        hint: 'A node keeps its keys for life: its fingerprint and addresses are on chain. Choose an empty folder, or remove the old node only if it was never registered.',
      },
    )
  }

  const keys = parameters.keys ?? (await generateNodeKeys())
  const identity = publicIdentityOf(keys)
  const config: NodeConfigFile = {
    index: parameters.seat,
    chain: {
      deploymentDir: relative(dir, resolve(parameters.deploymentDir)) || '.',
      ...(parameters.rpcUrl ? { rpcUrl: parameters.rpcUrl } : {}),
      ...(parameters.pollIntervalMs ? { pollIntervalMs: parameters.pollIntervalMs } : {}),
      ...(parameters.confirmations === undefined
        ? {}
        : { confirmations: parameters.confirmations }),
    },
    ...(parameters.committeeId === undefined
      ? {}
      : { committeeId: parameters.committeeId.toString() }),
    api: {
      ...(parameters.apiListen ?? { host: '0.0.0.0', port: urlPort(apiUrl) }),
      ...(parameters.insecurePlainHttp ? { insecurePlainHttp: true } : {}),
    },
    mpc: parameters.mpcListen ?? { host: '0.0.0.0', port: mpcPort },
    ...(parameters.metricsListen ? { metrics: parameters.metricsListen } : {}),
    keysFile: 'keys.json',
    ...(encryption
      ? {
          keysPassphrase:
            'env' in encryption.source
              ? { env: encryption.source.env }
              : { file: relative(dir, resolve(encryption.source.file)) },
        }
      : {}),
    dataDir: 'data',
  }

  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const written: string[] = []
  try {
    writeNodeKeys(
      keysFile,
      encryption
        ? await encryptNodeKeys({
            keys,
            passphrase: encryption.passphrase,
            ...(encryption.scrypt ? { scrypt: encryption.scrypt } : {}),
          })
        : keys,
    )
    written.push(keysFile)
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' })
    written.push(configFile)

    // Load back what was written with the loaders `triad node start` uses.
    const loaded = loadNodeConfig(configFile)
    const stored = encryption
      ? publicIdentityOf(await readNodeKeys(keysFile, { passphrase: encryption.passphrase }))
      : readNodePublicIdentity(keysFile)
    if (
      stored.signer !== identity.signer ||
      stored.encryptionKey !== identity.encryptionKey ||
      stored.tlsFingerprint !== identity.tlsFingerprint
    ) {
      throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The key file ${keysFile} did not read back`)
    }
    const record: NodeRecord = {
      seat: parameters.seat,
      chainId: loaded.chain.chainId,
      market: loaded.chain.market,
      signer: identity.signer,
      encryptionKey: identity.encryptionKey as Hex,
      tlsFingerprint: identity.tlsFingerprint as Hex,
      apiUrl,
      mpcEndpoint: parameters.mpcEndpoint,
    }
    writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx' })
    written.push(recordFile)
    return { configFile, keysFile, recordFile, record, config: loaded }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true })
    throw error
  }
}

function checkApiUrl(raw: string, plain: boolean): string {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {}
  const scheme = plain ? 'http:' : 'https:'
  if (!url || url.protocol !== scheme || url.pathname !== '/' || url.search || url.hash) {
    throw new TriadError(
      'TRIAD_ERR_USAGE',
      `The API URL must be ${scheme}//host:port, got ${raw}`,
      {
        hint: plain
          ? 'With --insecure-plain-http the API is plain HTTP: http://127.0.0.1:8080'
          : 'The API is HTTPS with the node’s own certificate: https://node0.example.org:8443',
      },
    )
  }
  return url.origin
}

function urlPort(origin: string): number {
  const url = new URL(origin)
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
}

function endpointPort(endpoint: string): number {
  const match = /^([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(endpoint)
  const port = match ? Number(match[2]) : Number.NaN
  if (!(port >= 1 && port <= 65_535)) {
    throw new TriadError('TRIAD_ERR_USAGE', `The MPC endpoint must be host:port, got ${endpoint}`, {
      hint: 'The other two nodes dial it over mutual TLS: node0.example.org:7100',
    })
  }
  return port
}
