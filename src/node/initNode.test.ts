import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { type Deployment, writeDeployment } from '../chain/index.ts'
import { isTriadError } from '../errors/index.ts'
import { loadNodeConfig } from './config.ts'
import { initNode } from './initNode.ts'
import { publicIdentityOf, readNodeKeys } from './keys.ts'

const deployment: Deployment = {
  chainId: 11155111,
  rpcUrl: 'https://rpc.example.org',
  market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  deployBlock: 7_000_000n,
}

function market(): string {
  const root = mkdtempSync(join(tmpdir(), 'triad-init-'))
  writeDeployment(join(root, 'market'), deployment)
  return root
}

const quick = { n: 1_024, r: 8, p: 1 }

describe('initNode', () => {
  it('writes a config that loads, a 0600 key file, and the record to publish', async () => {
    const root = market()
    const dir = join(root, 'node')
    const result = await initNode({
      dir,
      deploymentDir: join(root, 'market'),
      seat: 2,
      apiUrl: 'https://node2.example.org:8443',
      mpcEndpoint: 'node2.example.org:7100',
    })
    assert.equal(statSync(result.keysFile).mode & 0o777, 0o600)
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    const config = loadNodeConfig(result.configFile)
    assert.equal(config.index, 2)
    assert.equal(config.committeeId, undefined)
    assert.deepEqual(config.api, {
      host: '0.0.0.0',
      port: 8443,
      insecurePlainHttp: false,
      maxBodyBytes: 64 * 1024 * 1024,
    })
    assert.deepEqual(config.mpc, { host: '0.0.0.0', port: 7100 })
    assert.equal(config.chain.market, deployment.market)
    const onDisk = JSON.parse(readFileSync(result.configFile, 'utf8'))
    assert.equal(onDisk.chain.deploymentDir, '../market')

    const keys = await readNodeKeys(result.keysFile)
    const identity = publicIdentityOf(keys)
    assert.deepEqual(JSON.parse(readFileSync(result.recordFile, 'utf8')), result.record)
    assert.deepEqual(result.record, {
      seat: 2,
      chainId: deployment.chainId,
      market: deployment.market,
      signer: identity.signer,
      encryptionKey: identity.encryptionKey,
      tlsFingerprint: identity.tlsFingerprint,
      apiUrl: 'https://node2.example.org:8443',
      mpcEndpoint: 'node2.example.org:7100',
    })
    // Nothing secret in the config or the record.
    for (const file of [result.configFile, result.recordFile]) {
      const text = readFileSync(file, 'utf8')
      assert.ok(!text.includes(keys.signingKey.slice(2)))
      assert.ok(!text.includes(keys.sealing.privateKey.slice(2)))
      assert.ok(!text.includes('PRIVATE KEY'))
    }
  })

  it('refuses to overwrite a node, and changes nothing', async () => {
    const root = market()
    const dir = join(root, 'node')
    const parameters = {
      dir,
      deploymentDir: join(root, 'market'),
      seat: 0 as const,
      apiUrl: 'https://node0.example.org',
      mpcEndpoint: 'node0.example.org:7100',
    }
    const first = await initNode(parameters)
    const before = readFileSync(first.keysFile, 'utf8')
    await assert.rejects(
      initNode(parameters),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_NODE_INIT_EXISTS') &&
        error.details!.includes(first.configFile) &&
        error.details!.includes(first.keysFile),
    )
    assert.equal(readFileSync(first.keysFile, 'utf8'), before)
    assert.equal(loadNodeConfig(first.configFile).api.port, 443)
  })

  it('encrypts the key file and records where the passphrase comes from', async () => {
    const root = market()
    const result = await initNode({
      dir: join(root, 'node'),
      deploymentDir: join(root, 'market'),
      seat: 1,
      committeeId: 4n,
      apiUrl: 'https://node1.example.org:8443',
      mpcEndpoint: 'node1.example.org:7100',
      encryption: {
        passphrase: 'a long enough passphrase',
        source: { env: 'NODE1_PASSPHRASE' },
        scrypt: quick,
      },
    })
    const config = loadNodeConfig(result.configFile)
    assert.deepEqual(config.keysPassphrase, { env: 'NODE1_PASSPHRASE' })
    assert.equal(config.committeeId, 4n)
    assert.match(readFileSync(result.keysFile, 'utf8'), /"triad-node-keystore"/)
    await assert.rejects(readNodeKeys(result.keysFile), (error) =>
      isTriadError(error, 'TRIAD_ERR_KEYSTORE_LOCKED'),
    )
    const keys = await readNodeKeys(result.keysFile, { passphrase: 'a long enough passphrase' })
    assert.equal(publicIdentityOf(keys).signer, result.record.signer)
  })

  it('refuses a short passphrase and a bad public endpoint before writing anything', async () => {
    const root = market()
    const dir = join(root, 'node')
    const base = {
      dir,
      deploymentDir: join(root, 'market'),
      seat: 0 as const,
      apiUrl: 'https://node0.example.org',
      mpcEndpoint: 'node0.example.org:7100',
    }
    await assert.rejects(
      initNode({ ...base, encryption: { passphrase: 'short', source: { env: 'X' } } }),
      (error) => isTriadError(error, 'TRIAD_ERR_KEYSTORE_WEAK_PASSPHRASE'),
    )
    await assert.rejects(
      initNode({ ...base, apiUrl: 'http://node0.example.org' }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_USAGE') && /https:\/\/host:port/.test(error.message),
    )
    await assert.rejects(initNode({ ...base, mpcEndpoint: 'node0.example.org' }), (error) =>
      isTriadError(error, 'TRIAD_ERR_USAGE'),
    )
    assert.equal(existsSync(dir), false)
  })

  it('writes a plain-HTTP dev node only when asked, with an http:// URL', async () => {
    const root = market()
    const result = await initNode({
      dir: join(root, 'node'),
      deploymentDir: join(root, 'market'),
      seat: 0,
      apiUrl: 'http://127.0.0.1:8080',
      mpcEndpoint: '127.0.0.1:7100',
      insecurePlainHttp: true,
      metricsListen: { host: '127.0.0.1', port: 9464 },
    })
    const config = loadNodeConfig(result.configFile)
    assert.equal(config.api.insecurePlainHttp, true)
    assert.deepEqual(config.metrics, { host: '127.0.0.1', port: 9464 })
    assert.equal(result.record.apiUrl, 'http://127.0.0.1:8080')
    await assert.rejects(
      initNode({
        dir: join(root, 'other'),
        deploymentDir: join(root, 'market'),
        seat: 0,
        apiUrl: 'https://127.0.0.1:8080',
        mpcEndpoint: '127.0.0.1:7100',
        insecurePlainHttp: true,
      }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_USAGE') && /--insecure-plain-http/.test(error.hint!),
    )
  })

  it('removes what it wrote when the result does not load back', async () => {
    const root = market()
    const dir = join(root, 'node')
    await assert.rejects(
      initNode({
        dir,
        deploymentDir: join(root, 'no-market-here'),
        seat: 0,
        apiUrl: 'https://node0.example.org',
        mpcEndpoint: 'node0.example.org:7100',
      }),
      (error) => isTriadError(error, 'TRIAD_ERR_DEPLOYMENT_MISSING'),
    )
    assert.equal(existsSync(join(dir, 'keys.json')), false)
    assert.equal(existsSync(join(dir, 'node.json')), false)
  })
})
