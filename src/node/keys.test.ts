import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { generateNodeKeys, readNodeKeys, writeNodeKeys } from './keys.ts'

describe('node key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-keys-'))

  it('round-trips through a 0600 file', async () => {
    const keys = await generateNodeKeys()
    const path = join(dir, 'keys.json')
    writeNodeKeys(path, keys)
    assert.deepEqual(await readNodeKeys(path), keys)
  })

  it('refuses a corrupt file with a TriadError that does not quote it', async () => {
    const path = join(dir, 'corrupt.json')
    writeFileSync(path, '{"signingKey": "0x1234deadbeef', { mode: 0o600 })
    await assert.rejects(
      readNodeKeys(path),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The node key file ${path} is not JSON` &&
        !error.message.includes('deadbeef'),
    )
  })

  it('names the missing fields of an incomplete file', async () => {
    const path = join(dir, 'incomplete.json')
    writeFileSync(path, JSON.stringify({ signingKey: `0x${'11'.repeat(32)}` }), { mode: 0o600 })
    await assert.rejects(
      readNodeKeys(path),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        /sealing: /.test(error.details!) &&
        /tls: /.test(error.details!),
    )
  })

  it('refuses a file others can read, and says where a missing one comes from', async () => {
    const path = join(dir, 'open.json')
    writeFileSync(path, '{}')
    chmodSync(path, 0o644)
    await assert.rejects(
      readNodeKeys(path),
      (error) => isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /chmod 600/.test(error.hint!),
    )
    await assert.rejects(
      readNodeKeys(join(dir, 'absent.json')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        /<state>\/node-<i>\/keys\.json/.test(error.hint!),
    )
  })
})
