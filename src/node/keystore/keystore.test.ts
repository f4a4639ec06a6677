import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import {
  generateNodeKeys,
  type NodeKeys,
  publicIdentityOf,
  readNodeKeys,
  readNodePublicIdentity,
  writeNodeKeys,
} from '../keys.ts'
import { encryptNodeKeys } from './encryptNodeKeys.ts'
import type { NodeKeystore } from './keystoreFormat.ts'

/** A low scrypt cost so the suite stays quick; the format records the cost it was made with. */
const quick = { n: 1_024, r: 8, p: 1 }
const passphrase = 'correct horse battery staple'

describe('the encrypted node keystore (scrypt + AES-256-GCM, node:crypto)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-keystore-'))
  let keys: NodeKeys
  let keystore: NodeKeystore
  const path = join(dir, 'keys.json')

  before(async () => {
    keys = await generateNodeKeys()
    keystore = await encryptNodeKeys({ keys, passphrase, scrypt: quick })
    writeNodeKeys(path, keystore)
  })

  it('writes a 0600 file holding no private key in the clear', () => {
    assert.equal(statSync(path).mode & 0o777, 0o600)
    const text = readFileSync(path, 'utf8')
    for (const secret of [
      keys.signingKey.slice(2),
      keys.sealing.privateKey.slice(2),
      keys.tls.keyPem.split('\n')[1]!,
    ]) {
      assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), 'a private key is in the file')
    }
    assert.equal(keystore.kdf.n, quick.n)
  })

  it('opens with the passphrase to the same keys', async () => {
    assert.deepEqual(await readNodeKeys(path, { passphrase }), keys)
  })

  it('shows its public half without the passphrase', () => {
    assert.deepEqual(readNodePublicIdentity(path), publicIdentityOf(keys))
  })

  it('refuses a wrong passphrase with its own code, never echoing the passphrase', async () => {
    await assert.rejects(
      readNodeKeys(path, { passphrase: 'correct horse battery stapler' }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_KEYSTORE_PASSPHRASE') &&
        error.shortMessage === `The passphrase does not open the node key file ${path}` &&
        !error.message.includes('stapler'),
    )
  })

  it('says the file is encrypted when no passphrase is configured', async () => {
    await assert.rejects(
      readNodeKeys(path),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_KEYSTORE_LOCKED') && /keysPassphrase/.test(error.hint!),
    )
  })

  it('detects a swapped public part (it is authenticated with the ciphertext)', async () => {
    const other = publicIdentityOf(await generateNodeKeys())
    const altered = join(dir, 'altered.json')
    writeFileSync(
      altered,
      JSON.stringify({ ...keystore, public: { ...keystore.public, signer: other.signer } }),
      { mode: 0o600 },
    )
    await assert.rejects(readNodeKeys(altered, { passphrase }), (error) =>
      isTriadError(error, 'TRIAD_ERR_KEYSTORE_PASSPHRASE'),
    )
  })

  it('refuses a scrypt cost outside its bounds before deriving anything', async () => {
    const hostile = join(dir, 'hostile.json')
    writeFileSync(hostile, JSON.stringify({ ...keystore, kdf: { ...keystore.kdf, n: 2 ** 30 } }), {
      mode: 0o600,
    })
    await assert.rejects(
      readNodeKeys(hostile, { passphrase }),
      (error) => isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /kdf\.n/.test(error.details!),
    )
  })

  it('uses fresh salt and IV each time', async () => {
    const again = await encryptNodeKeys({ keys, passphrase, scrypt: quick })
    assert.notEqual(again.kdf.salt, keystore.kdf.salt)
    assert.notEqual(again.cipher.iv, keystore.cipher.iv)
    assert.notEqual(again.ciphertext, keystore.ciphertext)
  })
})
