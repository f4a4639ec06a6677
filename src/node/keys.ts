import { chmodSync, writeFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { z } from 'zod'
import { loadJsonFile } from '../config/index.ts'
import { TriadError } from '../errors/index.ts'
import { generateTlsIdentity } from '../mpc/transport/index.ts'
import { hex32 } from '../protocol/zodTypes.ts'
import { generateSealingKeyPair } from '../sealing/index.ts'
import { decryptNodeKeys } from './keystore/decryptNodeKeys.ts'
import { type NodeKeystore, nodeKeystoreSchema } from './keystore/keystoreFormat.ts'

/** A node key file in the clear (mode 0600). */
export const nodeKeysSchema = z.object({
  /** secp256k1 key that signs receipts and result attestations (EIP-712). */
  signingKey: hex32,
  /** X25519 key pair that sellers seal their shares to. */
  sealing: z.object({ publicKey: hex32, privateKey: hex32 }),
  /** The TLS identity pinned by the committee on chain. */
  tls: z.object({ certPem: z.string(), keyPem: z.string(), fingerprint: hex32 }),
})

export interface NodeKeys {
  readonly signingKey: Hex
  readonly sealing: { readonly publicKey: Hex; readonly privateKey: Hex }
  readonly tls: { readonly certPem: string; readonly keyPem: string; readonly fingerprint: Hex }
}

/** The public half of a node's keys: what goes into the committee on chain. */
export interface NodePublicIdentity {
  readonly signer: Hex
  readonly encryptionKey: Hex
  readonly tlsFingerprint: Hex
}

/** Fresh keys for a node: a signing key, a sealing key pair and a TLS identity. */
export async function generateNodeKeys(): Promise<NodeKeys> {
  const [sealing, tls] = await Promise.all([generateSealingKeyPair(), generateTlsIdentity()])
  return { signingKey: generatePrivateKey(), sealing, tls }
}

export function publicIdentityOf(keys: NodeKeys): NodePublicIdentity {
  return {
    signer: privateKeyToAddress(keys.signingKey),
    encryptionKey: keys.sealing.publicKey,
    tlsFingerprint: keys.tls.fingerprint,
  }
}

/**
 * Writes a key file readable by its owner only (0600), refusing to replace an existing file:
 * the keys in the clear, or an encrypted keystore (`encryptNodeKeys`).
 */
export function writeNodeKeys(path: string, keys: NodeKeys | NodeKeystore): void {
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
}

/** A key file holds either the keys in the clear or an encrypted keystore. */
const keyFileSchema = z.unknown().transform((raw, context) => {
  const encrypted = typeof raw === 'object' && raw !== null && 'format' in raw
  const parsed = (encrypted ? nodeKeystoreSchema : nodeKeysSchema).safeParse(raw)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue(issue as never)
    return z.NEVER
  }
  return encrypted
    ? { encrypted: true as const, keystore: parsed.data as NodeKeystore }
    : { encrypted: false as const, keys: parsed.data as NodeKeys }
})

export interface ReadNodeKeysOptions {
  /** The passphrase of an encrypted key file; ignored for a file in the clear. */
  readonly passphrase?: string
}

/**
 * Reads a node's key file, refusing one that others can read: a node's keys are its identity.
 * The file holds the keys in the clear or an encrypted keystore (then `passphrase` opens it). A
 * missing, unreadable, corrupt (not JSON) or incomplete file is a `TRIAD_ERR_CONFIG_INVALID`
 * naming the file; the error never quotes the file's content. An encrypted file without a
 * passphrase is `TRIAD_ERR_KEYSTORE_LOCKED`, with a wrong one `TRIAD_ERR_KEYSTORE_PASSPHRASE`.
 *
 * @example
 * const keys = await readNodeKeys('/etc/triad/node/keys.json', { passphrase })
 */
export async function readNodeKeys(
  path: string,
  options: ReadNodeKeysOptions = {},
): Promise<NodeKeys> {
  const file = loadJsonFile(path, keyFileSchema, {
    what: 'node key file',
    secret: true,
    missingHint:
      '`triad node init` writes one (mode 600); `triad dev` writes one for each node at <state>/node-<i>/keys.json.',
    fieldsHint:
      'The file is damaged: restore it from your backup. Its fields are signingKey, sealing.{publicKey,privateKey} and tls.{certPem,keyPem,fingerprint}, or those of an encrypted keystore.',
  })
  if (!file.encrypted) return file.keys
  if (options.passphrase === undefined) {
    throw new TriadError(
      'TRIAD_ERR_KEYSTORE_LOCKED',
      `The node key file ${path} is encrypted and no passphrase was given`,
      {
        hint: 'Set keysPassphrase in the node configuration to { "env": "VARIABLE" } or { "file": "path" } and provide the passphrase there.',
      },
    )
  }
  return decryptNodeKeys(file.keystore, { passphrase: options.passphrase, path })
}

/**
 * The public half of a key file, encrypted or not, read without a passphrase: what `triad node
 * init` prints for the committee.
 */
export function readNodePublicIdentity(path: string): NodePublicIdentity {
  const file = loadJsonFile(path, keyFileSchema, {
    what: 'node key file',
    secret: true,
    missingHint: '`triad node init` writes one (mode 600).',
  })
  if (file.encrypted) {
    const { signer, encryptionKey, tlsFingerprint } = file.keystore.public
    return { signer, encryptionKey, tlsFingerprint }
  }
  return publicIdentityOf(file.keys)
}
