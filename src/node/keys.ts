import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { type Hex, isHex } from 'viem'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { z } from 'zod'
import { TriadError } from '../errors/index.ts'
import { generateTlsIdentity } from '../mpc/transport/index.ts'
import { generateSealingKeyPair } from '../sealing/index.ts'

const hex32 = z.string().refine((value) => isHex(value) && value.length === 66, '32 bytes of hex')

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
 * Reads a key file, refusing one that others can read: a node's keys are its identity.
 */
export function readNodeKeys(path: string): NodeKeys {
  let mode: number
  try {
    mode = statSync(path).mode & 0o777
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The node key file ${path} is missing`, {
      cause,
      hint: 'Create it with `triad node init`.',
    })
  }
  if ((mode & 0o077) !== 0) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The node key file ${path} is readable by others`,
      {
        details: `mode ${mode.toString(8)}`,
        hint: `Run: chmod 600 ${path}`,
      },
    )
  }
  const parsed = nodeKeysSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The node key file ${path} is malformed`, {
      details: parsed.error.issues.map((issue) => issue.path.join('.')).join(', '),
    })
  }
  return parsed.data as NodeKeys
}
