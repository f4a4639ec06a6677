import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { contributeRows } from '../src/client/contributeRows.ts'
import {
  type PreparedContribution,
  prepareContribution,
} from '../src/client/prepareContribution.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { type Devnet, startDevnet } from '../src/devnet/startDevnet.ts'
import { isTriadError } from '../src/errors/index.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import { PinnedAgent } from '../src/http/PinnedAgent.ts'
import { triadDomain } from '../src/protocol/eip712.ts'
import { uploadAuthorizationTypes } from '../src/protocol/uploadAuthorization.ts'

/**
 * Bad input at the doors of a real node process, over its HTTPS API (pinned to the certificate
 * the committee registers): each gets a clear error and changes nothing.
 */
describe('a node refuses bad uploads and unauthorised jobs', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-doors-'))
  let devnet: Devnet
  let poolId: bigint
  let prepared: PreparedContribution
  const market = () => ({ chainId: devnet.deployment.chainId, market: devnet.deployment.market })
  const nodeUrl = (index: number) => devnet.nodes[index]!.apiUrl
  /** The pinned fingerprint of the node a URL leads to. */
  const pinOf = (url: string) =>
    devnet.nodes.find((node) => url.startsWith(node.apiUrl))!.tlsFingerprint
  const post = (url: string, body: unknown) =>
    fetchPinned(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      fingerprint: pinOf(url),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as {
        receipt?: string
        error?: { code: string; message: string }
      },
    }))
  const storedUploads = (index: number) => {
    const db = new Database(join(devnet.stateDir, `node-${index}`, 'data', 'node.sqlite'), {
      readonly: true,
    })
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM uploads').get() as { n: number }).n
    } finally {
      db.close()
    }
  }

  before(async () => {
    devnet = await startDevnet({ stateDir, sellers: 2 })
    poolId = await createValuePool(devnet, { max: 100, price: 1_000_000n, minContributors: 1 })
    prepared = await prepareContribution(devnet.accounts.sellers[0]!, {
      market: market(),
      poolId,
      data: { rows: [{ value: 1 }, { value: 2 }, { value: 3 }] },
    })
  })

  after(async () => {
    await devnet?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })

  it('signs a receipt for a valid upload, and the same receipt for a replay, storing it once', async () => {
    const first = await post(`${nodeUrl(0)}/v1/uploads`, prepared.uploads[0])
    assert.equal(first.status, 200)
    assert.match(first.body.receipt ?? '', /^0x[0-9a-f]{130}$/)
    const replay = await post(`${nodeUrl(0)}/v1/uploads`, prepared.uploads[0])
    assert.equal(replay.body.receipt, first.body.receipt)
    assert.equal(storedUploads(0), 1)
  })

  it('refuses an upload in another seller’s name', async () => {
    const other = devnet.accounts.sellers[1]!.account.address
    const forged = await post(`${nodeUrl(1)}/v1/uploads`, { ...prepared.uploads[1], seller: other })
    assert.equal(forged.status, 401)
    assert.equal(forged.body.error?.code, 'TRIAD_ERR_UPLOAD_UNAUTHENTICATED')
    assert.match(forged.body.error?.message ?? '', /not signed by its seller/)
    assert.equal(storedUploads(1), 0)
  })

  it('refuses a forged signature: a flipped byte, and a signature by another key', async () => {
    const signature = prepared.uploads[1]!.signature
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'a' ? 'b' : 'a'}${signature.slice(11)}`
    const tampered = await post(`${nodeUrl(1)}/v1/uploads`, {
      ...prepared.uploads[1],
      signature: flipped,
    })
    assert.ok([400, 401].includes(tampered.status), `status ${tampered.status}`)
    assert.match(
      tampered.body.error?.code ?? '',
      /^TRIAD_ERR_(UPLOAD_UNAUTHENTICATED|BAD_REQUEST)$/,
    )
    const other = devnet.accounts.sellers[1]!
    const byOther = await other.account.signTypedData!({
      domain: triadDomain({
        chainId: devnet.deployment.chainId,
        verifyingContract: devnet.deployment.market,
      }),
      types: uploadAuthorizationTypes,
      primaryType: 'Upload',
      message: { poolId, rows: 3n, commitment: prepared.commitment },
    })
    const forged = await post(`${nodeUrl(1)}/v1/uploads`, {
      ...prepared.uploads[1],
      signature: byOther,
    })
    assert.equal(forged.status, 401)
    assert.equal(forged.body.error?.code, 'TRIAD_ERR_UPLOAD_UNAUTHENTICATED')
    assert.match(forged.body.error?.message ?? '', /not signed by its seller/)
    assert.equal(storedUploads(1), 0)
  })

  it('refuses shares sealed for another node', async () => {
    const wrong = await post(`${nodeUrl(2)}/v1/uploads`, prepared.uploads[1])
    assert.equal(wrong.status, 400)
    assert.equal(wrong.body.error?.code, 'TRIAD_ERR_UPLOAD_REJECTED')
    assert.match(wrong.body.error?.message ?? '', /not the one committed for node 2/)
    assert.equal(storedUploads(2), 0)
  })

  it('refuses a row count that does not match the shares, even when the seller signed it', async () => {
    const seller = devnet.accounts.sellers[0]!
    const signature = await seller.account.signTypedData!({
      domain: triadDomain({
        chainId: devnet.deployment.chainId,
        verifyingContract: devnet.deployment.market,
      }),
      types: uploadAuthorizationTypes,
      primaryType: 'Upload',
      message: { poolId, rows: 5n, commitment: prepared.commitment },
    })
    const lying = await post(`${nodeUrl(2)}/v1/uploads`, {
      ...prepared.uploads[2],
      rows: 5,
      signature,
    })
    assert.equal(lying.status, 400)
    assert.match(lying.body.error?.message ?? '', /holds 3 elements; 5 rows of this pool need 5/)
    assert.equal(storedUploads(2), 0)
  })

  it('refuses malformed and truncated bodies, naming the problem', async () => {
    const truncated = await post(
      `${nodeUrl(0)}/v1/uploads`,
      JSON.stringify(prepared.uploads[0]).slice(0, 100),
    )
    assert.equal(truncated.status, 400)
    assert.equal(truncated.body.error?.code, 'TRIAD_ERR_BAD_REQUEST')
    const missing = await post(`${nodeUrl(0)}/v1/uploads`, {
      ...prepared.uploads[0],
      commitment: undefined,
    })
    assert.equal(missing.status, 400)
    assert.match(JSON.stringify(missing.body.error), /commitment/)
    assert.equal(storedUploads(0), 1, 'only the valid upload of the first test')
  })

  it('refuses an oversize body without reading it all', async () => {
    // Announce 65 MiB and send only the first bytes: the node must answer 413 from the header.
    const url = new URL(`${nodeUrl(0)}/v1/uploads`)
    const agent = new PinnedAgent(devnet.nodes[0]!.tlsFingerprint)
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpsRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': 65 * 1024 * 1024 },
        },
        (response) => {
          let body = ''
          response.on('data', (chunk) => {
            body += chunk
          })
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
        },
      )
      request.on('error', reject)
      request.write('{"pad":"aaaa')
    })
    agent.destroy()
    assert.equal(answer.status, 413)
    const error = JSON.parse(answer.body).error
    assert.equal(error.code, 'TRIAD_ERR_UPLOAD_TOO_LARGE')
    assert.equal(error.details, `the limit is ${64 * 1024 * 1024} bytes`)
    assert.equal(storedUploads(0), 1, 'nothing stored')
  })

  it('refuses an upload to a pool that does not exist', async () => {
    const unknown = await post(`${nodeUrl(0)}/v1/uploads`, {
      ...prepared.uploads[0],
      poolId: '999',
    })
    assert.equal(unknown.status, 404)
    assert.equal(unknown.body.error?.code, 'TRIAD_ERR_POOL_UNKNOWN')
  })

  it('a seller’s out-of-range value is refused before anything is uploaded', async () => {
    const before = storedUploads(0)
    await assert.rejects(
      contributeRows(devnet.accounts.sellers[1]!, {
        market: market(),
        poolId,
        data: { rows: [{ value: 5 }, { value: 101 }] },
      }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_INVALID') &&
        error.details === 'rows, row 2, value: value 101 is above max 100',
    )
    assert.equal(storedUploads(0), before)
  })

  it('does not compute, nor record, a job the chain does not show, whoever hands it over', async () => {
    const handOver = await post(`${nodeUrl(0)}/v1/jobs/4242`, {})
    assert.equal(handOver.status, 404)
    assert.equal(handOver.body.error?.code, 'TRIAD_ERR_JOB_UNKNOWN')
    const report = await fetchPinned(`${nodeUrl(0)}/v1/jobs/4242`, {
      fingerprint: pinOf(nodeUrl(0)),
    })
    assert.equal(report.status, 404)
    const tooMany = await post(`${nodeUrl(0)}/v1/jobs/1?attempt=16`, {})
    assert.equal(tooMany.status, 403)
    assert.match(tooMany.body.error?.message ?? '', /beyond the limit/)
    const bad = await post(`${nodeUrl(0)}/v1/jobs/not-a-number`, {})
    assert.equal(bad.status, 400)
    assert.equal(bad.body.error?.code, 'TRIAD_ERR_BAD_REQUEST')
  })
})
