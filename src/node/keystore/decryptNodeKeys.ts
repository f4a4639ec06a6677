import { createDecipheriv } from 'node:crypto'
import { TriadError } from '../../errors/index.ts'
import { type NodeKeys, nodeKeysSchema, publicIdentityOf } from '../keys.ts'
import { deriveKey } from './encryptNodeKeys.ts'
import { keystoreAssociatedData, type NodeKeystore } from './keystoreFormat.ts'

/**
 * Opens an encrypted node key file (`encryptNodeKeys`). A wrong passphrase, or a file altered
 * after it was written, fails GCM authentication: `TRIAD_ERR_KEYSTORE_PASSPHRASE`, which names
 * the file and never the passphrase.
 *
 * @example
 * const keys = await decryptNodeKeys(keystore, { passphrase, path: 'keys.json' })
 */
export async function decryptNodeKeys(
  keystore: NodeKeystore,
  options: { readonly passphrase: string; readonly path: string },
): Promise<NodeKeys> {
  const key = await deriveKey(options.passphrase, keystore.kdf)
  let plain: Buffer
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(keystore.cipher.iv.slice(2), 'hex'),
    )
    decipher.setAAD(keystoreAssociatedData(keystore))
    decipher.setAuthTag(Buffer.from(keystore.cipher.tag.slice(2), 'hex'))
    plain = Buffer.concat([
      decipher.update(Buffer.from(keystore.ciphertext, 'base64')),
      decipher.final(),
    ])
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_KEYSTORE_PASSPHRASE',
      `The passphrase does not open the node key file ${options.path}`,
      {
        cause,
        details: 'AES-256-GCM authentication failed: a wrong passphrase, or the file was altered',
        hint: 'Check the passphrase the configuration’s keysPassphrase points to (environment variable or file); restore the key file from its backup if it was altered.',
      },
    )
  } finally {
    key.fill(0)
  }
  let parsed: ReturnType<typeof nodeKeysSchema.safeParse>
  try {
    parsed = nodeKeysSchema.safeParse(JSON.parse(plain.toString('utf8')))
  } finally {
    plain.fill(0)
  }
  const keys = parsed.success ? parsed.data : undefined
  const identity = keys ? publicIdentityOf(keys) : undefined
  if (
    !keys ||
    identity?.signer.toLowerCase() !== keystore.public.signer.toLowerCase() ||
    identity.encryptionKey !== keystore.public.encryptionKey ||
    identity.tlsFingerprint !== keystore.public.tlsFingerprint
  ) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The node key file ${options.path} holds keys that do not match its public part`,
      { hint: 'The file is damaged: restore it from your backup.' },
    )
  }
  return keys
}
