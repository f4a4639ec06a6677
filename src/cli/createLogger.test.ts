import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

describe('createServiceLogger', () => {
  it('writes JSON lines and redacts a key passed by mistake', () => {
    // A child process: pino writes to the real stdout, as in a running service.
    const module = fileURLToPath(new URL('./createLogger.ts', import.meta.url))
    const script = `
      const { createServiceLogger } = await import(${JSON.stringify(module)})
      const logger = createServiceLogger('node-0', 'info')
      logger.child({ jobId: '7', attempt: 1 }).info({ keys: { signingKey: '0xdeadbeef' } }, 'oops')
      logger.info({ tls: { keyPem: '-----BEGIN PRIVATE KEY-----' }, passphrase: 'hunter22' }, 'oops again')
    `
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { encoding: 'utf8' },
    )
    assert.equal(result.status, 0, result.stderr)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    assert.equal(lines.length, 2)
    assert.deepEqual([lines[0].name, lines[0].jobId, lines[0].attempt], ['node-0', '7', 1])
    assert.equal(lines[0].keys, '[redacted]')
    assert.equal(lines[1].tls.keyPem, '[redacted]')
    assert.equal(lines[1].passphrase, '[redacted]')
    assert.ok(!/deadbeef|PRIVATE KEY|hunter22/.test(result.stdout))
  })
})
