import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { readSecretFile } from './readSecretFile.ts'

const options = { what: 'test key file', missingHint: '`triad dev` writes one.' }

function secretWith(mode: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'triad-secret-')), 'key')
  writeFileSync(path, '0xabc\n')
  chmodSync(path, mode)
  return path
}

describe('readSecretFile', () => {
  it('reads a file only its owner can read', () => {
    assert.equal(readSecretFile(secretWith(0o600), options), '0xabc\n')
    assert.equal(readSecretFile(secretWith(0o400), options), '0xabc\n')
  })

  for (const mode of [0o644, 0o640, 0o604, 0o660]) {
    it(`refuses mode ${mode.toString(8)} with a chmod 600 hint`, () => {
      const path = secretWith(mode)
      assert.throws(
        () => readSecretFile(path, options),
        (error) =>
          isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
          error.shortMessage === `The test key file ${path} is readable by others` &&
          error.details === `mode ${mode.toString(8)}; a secret must be 600` &&
          error.hint === `Run: chmod 600 ${path}`,
      )
    })
  }

  it('names a missing file with where it comes from, not a raw ENOENT', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'triad-secret-')), 'key')
    assert.throws(
      () => readSecretFile(path, options),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The test key file ${path} does not exist` &&
        error.hint === '`triad dev` writes one.',
    )
  })
})
