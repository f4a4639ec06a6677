import assert from 'node:assert/strict'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { type Deployment, writeDeployment } from '../chain/index.ts'
import { isTriadError } from '../errors/index.ts'
import { type BridgeConfigFile, loadBridgeConfig, readBridgeKey } from './config.ts'

const deployment: Deployment = {
  chainId: 8453,
  rpcUrl: 'http://127.0.0.1:8545',
  market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  deployBlock: 12_345_678_901n,
}

function bridgeFolderWith(config: BridgeConfigFile): { stateDir: string; configFile: string } {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-bridge-config-'))
  writeDeployment(join(stateDir, 'market'), deployment)
  mkdirSync(join(stateDir, 'bridge'))
  const configFile = join(stateDir, 'bridge', 'bridge.json')
  writeFileSync(configFile, JSON.stringify(config))
  return { stateDir, configFile }
}

const file: BridgeConfigFile = {
  chain: { deploymentDir: '../market', pollIntervalMs: 250 },
  api: { host: '127.0.0.1', port: 0 },
  keyFile: 'key',
  dataDir: 'data',
}

describe('loadBridgeConfig', () => {
  it('resolves the chain section from the deployment file', () => {
    const { stateDir, configFile } = bridgeFolderWith(file)
    const config = loadBridgeConfig(configFile)
    assert.equal(config.chain.chainId, 8453)
    assert.equal(config.chain.market, deployment.market)
    assert.equal(config.chain.deployBlock, 12_345_678_901n)
    assert.equal(config.chain.rpcUrl, deployment.rpcUrl)
    assert.equal(config.chain.pollIntervalMs, 250)
    assert.equal(config.keyFile, join(stateDir, 'bridge', 'key'))
  })

  it('takes rpcUrl from the config when it overrides the deployment', () => {
    const { configFile } = bridgeFolderWith({
      ...file,
      chain: { ...file.chain, rpcUrl: 'http://10.0.0.5:8545' },
    })
    assert.equal(loadBridgeConfig(configFile).chain.rpcUrl, 'http://10.0.0.5:8545')
  })
})

describe('readBridgeKey', () => {
  const keyWith = (text: string, mode: number) => {
    const path = join(mkdtempSync(join(tmpdir(), 'triad-bridge-key-')), 'key')
    writeFileSync(path, text)
    chmodSync(path, mode)
    return path
  }
  const key = `0x${'ab'.repeat(32)}`

  it('reads a 0600 key file', () => {
    assert.equal(readBridgeKey(keyWith(`${key}\n`, 0o600)), key)
  })

  it('refuses a key file others can read', () => {
    assert.throws(
      () => readBridgeKey(keyWith(`${key}\n`, 0o644)),
      (error) => isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /chmod 600/.test(error.hint!),
    )
  })

  it('refuses a file that holds no key, and a missing one', () => {
    assert.throws(
      () => readBridgeKey(keyWith('hello\n', 0o600)),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /0x followed by 64/.test(error.hint!),
    )
    assert.throws(
      () => readBridgeKey(join(tmpdir(), 'triad-missing', 'key')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_CONFIG_INVALID') && /<state>\/bridge\/key/.test(error.hint!),
    )
  })
})
