import { chmodSync, writeFileSync } from 'node:fs'
import type { Hex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { z } from 'zod'
import { loadJsonFile } from '../config/index.ts'
import { generateTlsIdentity } from '../mpc/transport/index.ts'
import { hex32 } from '../protocol/zodTypes.ts'
import { generateSealingKeyPair } from '../sealing/index.ts'

const nodeKeysSchema = z.object({
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

/** Writes the key file readable by its owner only (0600). */
export function writeNodeKeys(path: string, keys: NodeKeys): void {
  writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
}

/**
 * Reads a node's key file, refusing one that others can read: a node's keys are its identity.
 * A missing, unreadable, corrupt (not JSON) or incomplete file is a `TRIAD_ERR_CONFIG_INVALID`
 * naming the file; the error never quotes the file's content.
 *
 * @example
 * const keys = readNodeKeys('.triad/node-0/keys.json')
 */
export function readNodeKeys(path: string): NodeKeys {
  return loadJsonFile(path, nodeKeysSchema, {
    what: 'node key file',
    secret: true,
    missingHint:
      '`triad dev` writes one for each node at <state>/node-<i>/keys.json (mode 600), and registers its public half as the committee.',
    fieldsHint:
      'The file is damaged: restore it from your backup. Its fields are signingKey, sealing.{publicKey,privateKey} and tls.{certPem,keyPem,fingerprint}.',
  })
}
