import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { writeDeployment } from '../src/chain/index.ts'
import { loadNodeConfig } from '../src/node/config.ts'
import type { NodeRecord } from '../src/node/initNode.ts'
import { type NodeKeys, readNodeKeys } from '../src/node/keys.ts'
import { runTriad } from './support/runTriad.ts'

const run = (args: string[], env: Record<string, string> = {}) =>
  runTriad(args, { env: { TRIAD_KEYSTORE_PASSPHRASE: '', ...env } })

/** Every private part of a node's keys, as text that must never be printed. */
const secretsOf = (keys: NodeKeys) => [
  keys.signingKey.slice(2),
  keys.sealing.privateKey.slice(2),
  ...keys.tls.keyPem.split('\n').filter((line) => line.length > 40),
]

/** `triad node init` as an operator runs it on its own host, then `triad node start`. */
describe('triad node init', () => {
  const root = mkdtempSync(join(tmpdir(), 'triad-node-init-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  const market = join(root, 'market')
  writeDeployment(market, {
    chainId: 31337,
    rpcUrl: 'http://127.0.0.1:1',
    market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    deployBlock: 0n,
  })
  const initArgs = (dir: string, seat: number) => [
    'node',
    'init',
    dir,
    '--deployment',
    market,
    '--seat',
    String(seat),
    '--api-url',
    `https://node${seat}.example.org:8443`,
    '--mpc-endpoint',
    `node${seat}.example.org:7100`,
  ]
  const passphrase = 'twelve words would be better than this one'

  it('writes the node folder and prints the record to publish, and no key', async () => {
    const dir = join(root, 'plain')
    const { code, stdout, stderr } = await run(initArgs(dir, 0))
    assert.equal(code, 0, stderr)
    const record = JSON.parse(readFileSync(join(dir, 'record.json'), 'utf8')) as NodeRecord
    for (const field of ['signer', 'encryptionKey', 'tlsFingerprint'] as const) {
      assert.match(stdout, new RegExp(`${field} +${record[field]}`))
    }
    assert.match(stdout, /apiUrl +https:\/\/node0\.example\.org:8443/)
    assert.match(stdout, /mpcEndpoint +node0\.example\.org:7100/)
    assert.match(stdout, /add its id to the config \("committeeId": "<id>"\)/)
    assert.equal(statSync(join(dir, 'keys.json')).mode & 0o777, 0o600)
    const keys = await readNodeKeys(join(dir, 'keys.json'))
    for (const secret of secretsOf(keys)) {
      assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'a key was printed')
    }
    const config = loadNodeConfig(join(dir, 'node.json'))
    assert.deepEqual(config.api, {
      host: '0.0.0.0',
      port: 8443,
      insecurePlainHttp: false,
      maxBodyBytes: 64 * 1024 * 1024,
    })
  })

  it('refuses to overwrite an existing node', async () => {
    const dir = join(root, 'plain')
    const keysBefore = readFileSync(join(dir, 'keys.json'), 'utf8')
    const { code, stderr } = await run(initArgs(dir, 0))
    assert.equal(code, 1)
    assert.match(stderr, /^error TRIAD_ERR_NODE_INIT_EXISTS: .* already holds a node/)
    assert.equal(readFileSync(join(dir, 'keys.json'), 'utf8'), keysBefore)
  })

  it('refuses a bad seat and a short passphrase', async () => {
    const seat = await run(initArgs(join(root, 'seat'), 3))
    assert.equal(seat.code, 1)
    assert.match(seat.stderr, /^error TRIAD_ERR_USAGE: --seat must be 0, 1 or 2, got 3/)
    const weak = await run([...initArgs(join(root, 'weak'), 1), '--encrypt'], {
      TRIAD_KEYSTORE_PASSPHRASE: 'hunter2',
    })
    assert.equal(weak.code, 1)
    assert.match(weak.stderr, /^error TRIAD_ERR_KEYSTORE_WEAK_PASSPHRASE/)
    assert.ok(!weak.stderr.includes('hunter2'))
    const unset = await run([...initArgs(join(root, 'unset'), 1), '--encrypt'])
    assert.equal(unset.code, 1)
    assert.match(unset.stderr, /^error TRIAD_ERR_KEYSTORE_LOCKED: .*TRIAD_KEYSTORE_PASSPHRASE/)
  })

  it('--encrypt writes a keystore that `triad node start` opens only with the passphrase', async () => {
    const dir = join(root, 'encrypted')
    const init = await run([...initArgs(dir, 1), '--encrypt', '--json'], {
      TRIAD_KEYSTORE_PASSPHRASE: passphrase,
    })
    assert.equal(init.code, 0, init.stderr)
    const record = JSON.parse(init.stdout) as NodeRecord
    assert.equal(record.seat, 1)
    const keyFile = readFileSync(join(dir, 'keys.json'), 'utf8')
    assert.match(keyFile, /"triad-node-keystore"/)
    assert.match(keyFile, /"n": 131072/)
    const keys = await readNodeKeys(join(dir, 'keys.json'), { passphrase })
    for (const secret of secretsOf(keys)) assert.ok(!keyFile.includes(secret))

    const start = (env: Record<string, string>) =>
      run(['node', 'start', '--config', join(dir, 'node.json')], env)
    const locked = await start({})
    assert.equal(locked.code, 1)
    assert.match(locked.stderr, /^error TRIAD_ERR_KEYSTORE_LOCKED: /)
    const wrong = await start({ TRIAD_KEYSTORE_PASSPHRASE: `${passphrase}!` })
    assert.equal(wrong.code, 1)
    assert.match(wrong.stderr, /^error TRIAD_ERR_KEYSTORE_PASSPHRASE: The passphrase does not open/)
    assert.ok(!wrong.stderr.includes(passphrase))
    // The right passphrase opens the keys; the node then says it is not in a committee yet,
    // naming the record to publish.
    const opened = await start({ TRIAD_KEYSTORE_PASSPHRASE: passphrase })
    assert.equal(opened.code, 1)
    assert.match(opened.stderr, /^error TRIAD_ERR_NODE_NOT_REGISTERED: /)
    assert.ok(opened.stderr.includes(record.tlsFingerprint))
  })

  it('--passphrase-file points the node at a 0600 file', async () => {
    const file = join(root, 'passphrase')
    writeFileSync(file, `${passphrase}\n`, { mode: 0o600 })
    const dir = join(root, 'from-file')
    const init = await run([...initArgs(dir, 2), '--encrypt', '--passphrase-file', file])
    assert.equal(init.code, 0, init.stderr)
    assert.match(init.stdout, new RegExp(`passphrase from ${file}`))
    const config = loadNodeConfig(join(dir, 'node.json'))
    assert.deepEqual(config.keysPassphrase, { file })
    await readNodeKeys(join(dir, 'keys.json'), { passphrase })
  })
})
