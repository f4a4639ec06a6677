import { type Hex, hexToBytes } from 'viem'
import { TriadError } from '../errors/index.ts'
import { ENCAPSULATED_KEY_LENGTH, SEALED_FORMAT_VERSION, sealingSuite } from './suite.ts'

/**
 * Seals `plaintext` to the holder of `recipientPublicKey`. `context` names what the message is
 * for (for example `triad/upload/v1|chain|market|pool|node`); it is bound into the key schedule,
 * so a blob sealed for one purpose does not open for another.
 *
 * The blob is `version (1 byte) || enc (32 bytes) || ciphertext`.
 *
 * @example
 * const sealed = await seal(node.encryptionKey, shareBytes, uploadContext)
 */
export async function seal(
  recipientPublicKey: Hex,
  plaintext: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const keyBytes = hexToBytes(recipientPublicKey)
  if (keyBytes.length !== 32) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', 'A sealing public key must be 32 bytes', {
      details: `got ${keyBytes.length} bytes: ${recipientPublicKey}`,
      hint: 'Use the X25519 public key published for the node or buyer (bytes32).',
    })
  }
  const recipientKey = await sealingSuite.kem.deserializePublicKey(keyBytes)
  const { ct, enc } = await sealingSuite.seal(
    { recipientPublicKey: recipientKey, info: new TextEncoder().encode(context) },
    plaintext,
  )
  const sealed = new Uint8Array(1 + ENCAPSULATED_KEY_LENGTH + ct.byteLength)
  sealed[0] = SEALED_FORMAT_VERSION
  sealed.set(new Uint8Array(enc), 1)
  sealed.set(new Uint8Array(ct), 1 + ENCAPSULATED_KEY_LENGTH)
  return sealed
}
