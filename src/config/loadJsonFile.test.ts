import assert from 'node:assert/strict'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { isTriadError } from '../errors/index.ts'
import { loadJsonFile } from './loadJsonFile.ts'

const schema = z.strictObject({
  name: z.string(),
  limits: z.object({ port: z.number().int().max(65_535) }),
})
const options = { what: 'test configuration', missingHint: 'Write one with the test.' }

function fileWith(text: string, mode = 0o644): string {
  const path = join(mkdtempSync(join(tmpdir(), 'triad-load-')), 'config.json')
  writeFileSync(path, text, { mode })
  chmodSync(path, mode)
  return path
}

/** The field paths an error's details name, in order. */
const fieldsOf = (details: string | undefined) =>
  (details ?? '').split('; ').map((issue) => issue.slice(0, issue.indexOf(':')))

describe('loadJsonFile', () => {
  it('returns the schema output', () => {
    const path = fileWith('{"name":"a","limits":{"port":80}}')
    assert.deepEqual(loadJsonFile(path, schema, options), { name: 'a', limits: { port: 80 } })
  })

  it('names a missing file and says where one comes from, not ENOENT', () => {
    const path = join(tmpdir(), 'triad-no-such-dir', 'config.json')
    assert.throws(
      () => loadJsonFile(path, schema, options),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The test configuration ${path} does not exist` &&
        error.hint === 'Write one with the test.' &&
        !error.message.includes('ENOENT'),
    )
  })

  it('names a folder given for a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-load-'))
    mkdirSync(join(dir, 'config.json'))
    assert.throws(
      () => loadJsonFile(join(dir, 'config.json'), schema, options),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /Cannot read/.test(error.message),
    )
  })

  it('turns bad JSON into a TriadError with the parser position, not a SyntaxError', () => {
    const path = fileWith('{"name": "a",')
    assert.throws(
      () => loadJsonFile(path, schema, options),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The test configuration ${path} is not JSON` &&
        /JSON/.test(error.details ?? ''),
    )
  })

  it('names every bad field by its path, with a hint', () => {
    const path = fileWith('{"name": 7, "limits": {"port": 70000}, "extra": true}')
    assert.throws(
      () => loadJsonFile(path, schema, { ...options, fieldsHint: 'See the docs.' }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The test configuration ${path} is invalid` &&
        fieldsOf(error.details).join(',') === 'name,limits.port,(top level)' &&
        /extra/.test(error.details ?? '') &&
        error.hint === 'See the docs.',
    )
  })

  it('with `secret`, refuses a file others can read, and never quotes a corrupt one', () => {
    const open = fileWith('{"name":"a","limits":{"port":80}}', 0o644)
    assert.throws(
      () => loadJsonFile(open, schema, { ...options, secret: true }),
      (error) => isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /chmod 600/.test(error.hint!),
    )
    const corrupt = fileWith('{"signingKey": "0xsecretsecret', 0o600)
    assert.throws(
      () => loadJsonFile(corrupt, schema, { ...options, secret: true }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        /is not JSON/.test(error.message) &&
        !error.message.includes('secret') &&
        error.cause === undefined,
    )
  })
})
