import { z } from 'zod'
import { address, hex32 } from '../../protocol/zodTypes.ts'

/** The scrypt cost a new keystore gets: N = 2^17, r = 8, p = 1 (128 MiB, about 0.5 s here). */
export const defaultScryptParameters = { n: 131_072, r: 8, p: 1 } as const

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`), `${bytes} bytes of 0x-prefixed hex`)

/**
 * An encrypted node key file. The three private keys (signing, sealing, TLS) are one JSON
 * document encrypted with AES-256-GCM under a key derived from the passphrase with scrypt. The
 * public half stays readable (to print the node's record without the passphrase) and is bound
 * to the ciphertext as GCM associated data, so neither part can be swapped or altered unnoticed.
 */
export const nodeKeystoreSchema = z.strictObject({
  format: z.literal('triad-node-keystore'),
  version: z.literal(1),
  public: z.strictObject({
    signer: address,
    encryptionKey: hex32,
    tlsFingerprint: hex32,
  }),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    // Bounded so a hostile file cannot make the node allocate without limit.
    n: z
      .number()
      .int()
      .min(1_024)
      .max(4_194_304)
      .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: hex(32),
  }),
  cipher: z.strictObject({
    name: z.literal('aes-256-gcm'),
    iv: hex(12),
    tag: hex(16),
  }),
  ciphertext: z.string().base64(),
})

export type NodeKeystore = z.output<typeof nodeKeystoreSchema>

/** The bytes GCM authenticates besides the ciphertext: every field but the tag and ciphertext. */
export function keystoreAssociatedData(
  keystore: Omit<NodeKeystore, 'cipher' | 'ciphertext'> & {
    cipher: Pick<NodeKeystore['cipher'], 'name' | 'iv'>
  },
): Buffer {
  const { format, version, kdf, cipher } = keystore
  const identity = keystore.public
  return Buffer.from(
    JSON.stringify([
      format,
      version,
      [identity.signer.toLowerCase(), identity.encryptionKey, identity.tlsFingerprint],
      [kdf.name, kdf.n, kdf.r, kdf.p, kdf.salt.toLowerCase()],
      [cipher.name, cipher.iv.toLowerCase()],
    ]),
  )
}

/** The memory scrypt needs for these parameters, with headroom (node's default cap is 32 MiB). */
export function scryptMaxmem(kdf: { n: number; r: number }): number {
  return 256 * kdf.n * kdf.r
}
