import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { type Deployment, writeDeployment } from '../chain/index.ts'
import { isTriadError } from '../errors/index.ts'
import { loadNodeConfig, type NodeConfigFile } from './config.ts'

const deployment: Deployment = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  deployBlock: 2n,
}

/** A state folder as `triad dev` lays it out: deployment.json, node-1/node.json. */
function stateWith(config: unknown): { stateDir: string; configFile: string } {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-node-config-'))
  writeDeployment(stateDir, deployment)
  mkdirSync(join(stateDir, 'node-1'))
  const configFile = join(stateDir, 'node-1', 'node.json')
  writeFileSync(configFile, JSON.stringify(config))
  return { stateDir, configFile }
}

const file: NodeConfigFile = {
  index: 1,
  chain: { deploymentDir: '..' },
  committeeId: '3',
  api: { host: '127.0.0.1', port: 7001 },
  mpc: { host: '127.0.0.1', port: 7101 },
  keysFile: 'keys.json',
  dataDir: 'data',
}

describe('loadNodeConfig', () => {
  it('takes chain id, market, token and deploy block from the deployment it points to', () => {
    const { stateDir, configFile } = stateWith(file)
    const config = loadNodeConfig(configFile)
    assert.deepEqual(config.chain, {
      chainId: 31337,
      rpcUrl: 'http://127.0.0.1:8545',
      market: deployment.market,
      token: deployment.token,
      deployBlock: 2n,
      pollIntervalMs: 500,
      // The embedded chain's id: no confirmations by default.
      confirmations: 0,
      maxBlockRange: 2_000,
      deploymentDir: stateDir,
    })
    assert.equal(config.jobs.maxConcurrent, 64)
    assert.equal(config.committeeId, 3n)
    assert.equal(config.index, 1)
    assert.equal(config.keysFile, join(stateDir, 'node-1', 'keys.json'))
    assert.equal(config.dataDir, join(stateDir, 'node-1', 'data'))
  })

  it("uses the operator's own RPC URL over the deployment's", () => {
    const { configFile } = stateWith({
      ...file,
      chain: { deploymentDir: '..', rpcUrl: 'https://rpc.example.org/v1', pollIntervalMs: 2_000 },
    })
    const { chain } = loadNodeConfig(configFile)
    assert.equal(chain.rpcUrl, 'https://rpc.example.org/v1')
    assert.equal(chain.pollIntervalMs, 2_000)
    assert.equal(chain.market, deployment.market)
  })

  it('takes the watcher settings, and waits 12 confirmations on a public chain by default', () => {
    const own = stateWith({
      ...file,
      chain: { deploymentDir: '..', confirmations: 3, maxBlockRange: 500 },
      jobs: { maxConcurrent: 8 },
    })
    const config = loadNodeConfig(own.configFile)
    assert.equal(config.chain.confirmations, 3)
    assert.equal(config.chain.maxBlockRange, 500)
    assert.equal(config.jobs.maxConcurrent, 8)
    const publicChain = stateWith(file)
    writeDeployment(publicChain.stateDir, { ...deployment, chainId: 8453 })
    assert.equal(loadNodeConfig(publicChain.configFile).chain.confirmations, 12)
  })

  it('names each bad field, and a field left over from the inline chain format', () => {
    const { configFile } = stateWith({
      ...file,
      index: 3,
      chain: { deploymentDir: '..', market: deployment.market, rpcUrl: 'not a url' },
    })
    assert.throws(
      () => loadNodeConfig(configFile),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        error.shortMessage === `The node configuration ${configFile} is invalid` &&
        /(^|; )index: /.test(error.details!) &&
        /chain\.rpcUrl: an http\(s\) URL/.test(error.details!) &&
        /chain: Unrecognized key: "market"/.test(error.details!) &&
        /docs\/configuration\.md/.test(error.hint!),
    )
  })

  it('names the deployment folder when it holds no deployment.json', () => {
    const { stateDir, configFile } = stateWith({ ...file, chain: { deploymentDir: 'elsewhere' } })
    assert.throws(
      () => loadNodeConfig(configFile),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DEPLOYMENT_MISSING') &&
        error.details ===
          `chain.deploymentDir in ${configFile} points to ${join(stateDir, 'node-1', 'elsewhere')}`,
    )
  })

  it('says which commands write one when the config is missing', () => {
    assert.throws(
      () => loadNodeConfig(join(tmpdir(), 'triad-missing', 'node.json')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') &&
        /`triad node init <dir>`/.test(error.hint!) &&
        /<state>\/node-<i>\/node\.json/.test(error.hint!),
    )
  })

  it('defaults to HTTPS with a 64 MiB body limit, and resolves a passphrase file', () => {
    const { stateDir, configFile } = stateWith({
      ...file,
      committeeId: undefined,
      keysPassphrase: { file: 'secret/passphrase' },
    })
    const config = loadNodeConfig(configFile)
    assert.equal(config.api.insecurePlainHttp, false)
    assert.equal(config.api.maxBodyBytes, 64 * 1024 * 1024)
    assert.equal(config.committeeId, undefined)
    assert.deepEqual(config.keysPassphrase, {
      file: join(stateDir, 'node-1', 'secret', 'passphrase'),
    })
  })

  it('refuses a passphrase source that is neither a variable nor a file', () => {
    const { configFile } = stateWith({ ...file, keysPassphrase: { env: 'not a name' } })
    assert.throws(
      () => loadNodeConfig(configFile),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /keysPassphrase/.test(error.details!),
    )
  })
})
