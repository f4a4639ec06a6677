import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core'

/**
 * The one HPKE cipher suite Triad seals with (RFC 9180, base mode):
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM.
 */
export const sealingSuite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes128Gcm(),
})

/** The first byte of every sealed blob; a new suite gets a new version. */
export const SEALED_FORMAT_VERSION = 1
/** Length of the KEM's encapsulated key (X25519 public key). */
export const ENCAPSULATED_KEY_LENGTH = 32
