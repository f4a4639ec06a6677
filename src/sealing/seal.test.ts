import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { Aes128Gcm, CipherSuite, HkdfSha256 } from '@hpke/core'
import { DhkemX25519HkdfSha256 as PureJsX25519 } from '@hpke/dhkem-x25519'
import { hexToBytes } from 'viem'
import { isTriadError } from '../errors/index.ts'
import { generateSealingKeyPair, open, seal } from './index.ts'

describe('seal and open', () => {
  it('round-trips bytes sealed to a key', async () => {
    const keys = await generateSealingKeyPair()
    const message = randomBytes(1000)
    const sealed = await seal(keys.publicKey, message, 'triad/test')
    assert.equal(sealed.length, 1 + 32 + message.length + 16)
    assert.deepEqual(await open(keys.privateKey, sealed, 'triad/test'), new Uint8Array(message))
  })

  it('interoperates with the pure-JavaScript X25519 of @hpke/dhkem-x25519 (same RFC 9180 suite)', async () => {
    // Triad seals with WebCrypto's native X25519; clients without it use the pure-JS KEM.
    const pureJs = new CipherSuite({
      kem: new PureJsX25519(),
      kdf: new HkdfSha256(),
      aead: new Aes128Gcm(),
    })
    const keys = await generateSealingKeyPair()
    const info = new TextEncoder().encode('triad/test')
    const message = randomBytes(100)
    const { ct, enc } = await pureJs.seal(
      {
        recipientPublicKey: await pureJs.kem.deserializePublicKey(hexToBytes(keys.publicKey)),
        info,
      },
      message,
    )
    const blob = new Uint8Array([1, ...new Uint8Array(enc), ...new Uint8Array(ct)])
    assert.deepEqual(await open(keys.privateKey, blob, 'triad/test'), new Uint8Array(message))

    const sealed = await seal(keys.publicKey, message, 'triad/test')
    const opened = await pureJs.open(
      {
        recipientKey: await pureJs.kem.importKey('raw', hexToBytes(keys.privateKey), false),
        enc: sealed.slice(1, 33),
        info,
      },
      sealed.slice(33),
    )
    assert.deepEqual(new Uint8Array(opened), new Uint8Array(message))
  })

  it('hides the plaintext: two seals of the same bytes differ', async () => {
    const keys = await generateSealingKeyPair()
    const message = new Uint8Array(64)
    const a = await seal(keys.publicKey, message, 'triad/test')
    const b = await seal(keys.publicKey, message, 'triad/test')
    assert.notDeepEqual(a, b)
  })

  it('refuses another key', async () => {
    const keys = await generateSealingKeyPair()
    const other = await generateSealingKeyPair()
    const sealed = await seal(keys.publicKey, new Uint8Array([1, 2, 3]), 'triad/test')
    await assert.rejects(open(other.privateKey, sealed, 'triad/test'), (error) =>
      isTriadError(error, 'TRIAD_ERR_SEAL_OPEN_FAILED'),
    )
  })

  it('refuses another context', async () => {
    const keys = await generateSealingKeyPair()
    const sealed = await seal(keys.publicKey, new Uint8Array([1, 2, 3]), 'triad/upload')
    await assert.rejects(open(keys.privateKey, sealed, 'triad/result'), (error) =>
      isTriadError(error, 'TRIAD_ERR_SEAL_OPEN_FAILED'),
    )
  })

  it('refuses a tampered or truncated blob with a clear error', async () => {
    const keys = await generateSealingKeyPair()
    const sealed = await seal(keys.publicKey, new Uint8Array(32), 'triad/test')
    const tampered = sealed.slice()
    tampered[40] = (tampered[40] ?? 0) ^ 1
    await assert.rejects(open(keys.privateKey, tampered, 'triad/test'), /does not open/)
    await assert.rejects(open(keys.privateKey, sealed.slice(0, 20), 'triad/test'), /malformed/)
  })

  it('rejects a public key of the wrong length', async () => {
    await assert.rejects(seal('0x1234', new Uint8Array(1), 'triad/test'), /32 bytes/)
  })
})
