import { bytesToHex, type Hex } from 'viem'
import { sealingSuite } from './suite.ts'

export interface SealingKeyPair {
  /** X25519 public key, 32 bytes: fits the chain's `bytes32` key fields. */
  readonly publicKey: Hex
  /** X25519 private key, 32 bytes. Never logged, never sent. */
  readonly privateKey: Hex
}

/**
 * A fresh key pair to receive sealed messages: a node's upload key, a buyer's result key.
 *
 * @example
 * const { publicKey, privateKey } = await generateSealingKeyPair()
 */
export async function generateSealingKeyPair(): Promise<SealingKeyPair> {
  const pair = await sealingSuite.kem.generateKeyPair()
  const publicKey = new Uint8Array(await sealingSuite.kem.serializePublicKey(pair.publicKey))
  const privateKey = new Uint8Array(await sealingSuite.kem.serializePrivateKey(pair.privateKey))
  return { publicKey: bytesToHex(publicKey), privateKey: bytesToHex(privateKey) }
}
