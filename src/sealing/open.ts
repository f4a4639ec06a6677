import { type Hex, hexToBytes } from 'viem'
import { TriadError } from '../errors/index.ts'
import { ENCAPSULATED_KEY_LENGTH, SEALED_FORMAT_VERSION, sealingSuite } from './suite.ts'

/** The smallest blob `seal` makes: header, encapsulated key and a 16-byte AEAD tag. */
const MINIMUM_SEALED_LENGTH = 1 + ENCAPSULATED_KEY_LENGTH + 16

/**
 * Opens a blob made by `seal` with the recipient's private key and the same context. Throws
 * `TRIAD_ERR_SEAL_OPEN_FAILED` when the blob is malformed, was sealed to another key or for
 * another context, or was altered.
 *
 * @example
 * const shareBytes = await open(nodeKeys.privateKey, sealed, uploadContext)
 */
export async function open(
  privateKey: Hex,
  sealed: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  if (sealed.length < MINIMUM_SEALED_LENGTH || sealed[0] !== SEALED_FORMAT_VERSION) {
    throw new TriadError('TRIAD_ERR_SEAL_OPEN_FAILED', 'The sealed blob is malformed', {
      details: `length ${sealed.length}, format byte ${sealed[0] ?? 'none'}; expected format ${SEALED_FORMAT_VERSION} and at least ${MINIMUM_SEALED_LENGTH} bytes`,
      hint: 'The blob was truncated or was not made by Triad’s seal().',
    })
  }
  const recipientKey = await sealingSuite.kem.deserializePrivateKey(hexToBytes(privateKey))
  const enc = sealed.slice(1, 1 + ENCAPSULATED_KEY_LENGTH)
  const ciphertext = sealed.slice(1 + ENCAPSULATED_KEY_LENGTH)
  try {
    const plaintext = await sealingSuite.open(
      { recipientKey, enc, info: new TextEncoder().encode(context) },
      ciphertext,
    )
    return new Uint8Array(plaintext)
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_SEAL_OPEN_FAILED',
      'The sealed blob does not open with this key',
      {
        details: `context "${context}"`,
        hint: 'It was sealed to another key, for another purpose, or altered on the way.',
        cause,
      },
    )
  }
}
