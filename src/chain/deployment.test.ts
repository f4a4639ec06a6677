import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { type Deployment, readDeployment, writeDeployment } from './deployment.ts'

const deployment: Deployment = {
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  deployBlock: 2n,
}

describe('deployment.json', () => {
  it('round-trips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-deployment-'))
    writeDeployment(dir, deployment)
    assert.deepEqual(readDeployment(dir, { expectedChainId: 31337 }), deployment)
  })

  it('names what is missing or wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-deployment-'))
    assert.throws(
      () => readDeployment(dir),
      (e) => isTriadError(e, 'TRIAD_ERR_DEPLOYMENT_MISSING'),
    )
    writeFileSync(
      join(dir, 'deployment.json'),
      JSON.stringify({ ...deployment, deployBlock: '2', market: '0x12' }),
    )
    assert.throws(
      () => readDeployment(dir),
      (e) =>
        isTriadError(e, 'TRIAD_ERR_DEPLOYMENT_INVALID') &&
        /market must be an address/.test(e.message),
    )
    writeDeployment(dir, deployment)
    assert.throws(
      () => readDeployment(dir, { expectedChainId: 1 }),
      (e) => isTriadError(e, 'TRIAD_ERR_DEPLOYMENT_INVALID') && /not chain 1/.test(e.message),
    )
  })
})
