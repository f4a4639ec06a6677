import { createCipheriv, randomBytes, scrypt } from 'node:crypto'
import { bytesToHex } from 'viem'
import type { NodeKeys } from '../keys.ts'
import { publicIdentityOf } from '../keys.ts'
import {
  defaultScryptParameters,
  keystoreAssociatedData,
  type NodeKeystore,
  scryptMaxmem,
} from './keystoreFormat.ts'

export interface EncryptNodeKeysParameters {
  readonly keys: NodeKeys
  readonly passphrase: string
  /** The scrypt cost; default N = 2^17, r = 8, p = 1. Tests may lower it. */
  readonly scrypt?: { readonly n: number; readonly r: number; readonly p: number }
}

/**
 * Encrypts a node's keys under a passphrase: scrypt derives a 256-bit key from the passphrase
 * and a fresh 32-byte salt, AES-256-GCM (fresh 96-bit IV) encrypts the keys and authenticates
 * them together with the readable public half and the parameters. All from `node:crypto`.
 *
 * @example
 * const keystore = await encryptNodeKeys({ keys, passphrase })
 * writeFileSync('keys.json', JSON.stringify(keystore), { mode: 0o600 })
 */
export async function encryptNodeKeys(
  parameters: EncryptNodeKeysParameters,
): Promise<NodeKeystore> {
  const cost = parameters.scrypt ?? defaultScryptParameters
  const identity = publicIdentityOf(parameters.keys)
  const header = {
    format: 'triad-node-keystore' as const,
    version: 1 as const,
    public: {
      signer: identity.signer,
      encryptionKey: identity.encryptionKey,
      tlsFingerprint: identity.tlsFingerprint,
    },
    kdf: { name: 'scrypt' as const, ...cost, salt: bytesToHex(randomBytes(32)) },
  }
  const iv = bytesToHex(randomBytes(12))
  const key = await deriveKey(parameters.passphrase, header.kdf)
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(iv.slice(2), 'hex'))
  cipher.setAAD(keystoreAssociatedData({ ...header, cipher: { name: 'aes-256-gcm', iv } }))
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(parameters.keys), 'utf8'),
    cipher.final(),
  ])
  key.fill(0)
  return {
    ...header,
    cipher: { name: 'aes-256-gcm', iv, tag: bytesToHex(cipher.getAuthTag()) },
    ciphertext: ciphertext.toString('base64'),
  }
}

/** scrypt, asynchronous so a node's event loop keeps running while it derives. */
export function deriveKey(
  passphrase: string,
  kdf: { n: number; r: number; p: number; salt: string },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize('NFKC'), 'utf8'),
      Buffer.from(kdf.salt.slice(2), 'hex'),
      32,
      { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: scryptMaxmem(kdf) },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}
