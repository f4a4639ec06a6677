import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { sleep } from '../src/async/sleep.ts'
import { revokeContribution } from '../src/chain/index.ts'
import {
  type PreparedContribution,
  prepareContribution,
} from '../src/client/prepareContribution.ts'
import { submitContribution } from '../src/client/submitContribution.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import type { DevnetNode } from '../src/devnet/startDevnet.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import { marketOf, metricValue, useDevnet } from './support/devnetSuite.ts'
import { requestSum } from './support/marketJobs.ts'

function uploadsOf(node: DevnetNode): string[] {
  const db = new Database(node.databaseFile, { readonly: true, fileMustExist: true })
  try {
    return (
      db.prepare('SELECT seller FROM uploads ORDER BY seller').all() as { seller: string }[]
    ).map((row) => row.seller.toLowerCase())
  } finally {
    db.close()
  }
}

/**
 * Revocation through the real processes: a seller revokes a contribution on chain; every node
 * deletes its shares once no job can use them, refuses to take them again, and jobs requested
 * after the revocation compute without them.
 */
describe('a revoked contribution', () => {
  const devnetOf = useDevnet({ name: 'revocation', sellers: 3 })

  it('is deleted at every node, never used again, and its shares are refused if re-sent', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const poolId = await createValuePool(devnet, { minContributors: 2 })
    const [revoker, ...others] = devnet.accounts.sellers
    const prepared: PreparedContribution[] = []
    const values = [[100n, 200n], [3n], [4n, 5n]]
    for (const [index, seller] of devnet.accounts.sellers.entries()) {
      const contribution = await prepareContribution(seller, {
        market,
        poolId,
        data: { rows: values[index]!.map((value) => ({ value })) },
      })
      await submitContribution(seller, { market, prepared: contribution })
      prepared.push(contribution)
    }
    const revokerAddress = revoker!.account.address.toLowerCase()
    for (const node of devnet.nodes) assert.ok(uploadsOf(node).includes(revokerAddress))

    const before = await requestSum(devnet, poolId)
    assert.equal((await before.result()).sum, 312n, 'all three contributions')

    await revokeContribution(revoker!, {
      market: market.market,
      poolId,
      commitment: prepared[0]!.commitment,
    })
    // No job of the pool is pending any more: each node deletes the shares at once.
    for (const node of devnet.nodes) {
      const deadline = Date.now() + 20_000
      while (uploadsOf(node).includes(revokerAddress) && Date.now() < deadline) await sleep(100)
      assert.deepEqual(
        uploadsOf(node),
        others.map((seller) => seller.account.address.toLowerCase()).sort(),
        `${node.apiUrl} deleted the revoked shares and kept the others`,
      )
      const metrics = await (
        await fetchPinned(`${node.apiUrl}/metrics`, { fingerprint: node.tlsFingerprint })
      ).text()
      assert.equal(metricValue(metrics, 'triad_node_shares_purged_total'), 1)
    }

    const after = await requestSum(devnet, poolId)
    assert.equal((await after.result()).sum, 12n, 'the revoked rows are not in the result')

    // The seller (or anyone replaying its upload) cannot put the shares back.
    for (const [index, node] of devnet.nodes.entries()) {
      const response = await fetchPinned(`${node.apiUrl}/v1/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(prepared[0]!.uploads[index]),
        fingerprint: node.tlsFingerprint,
      })
      const body = (await response.json()) as { error?: { code: string; message: string } }
      assert.equal(response.status, 400)
      assert.equal(body.error?.code, 'TRIAD_ERR_UPLOAD_REJECTED')
      assert.match(body.error?.message ?? '', /revoked on chain/)
      assert.ok(!uploadsOf(node).includes(revokerAddress))
    }
  })
})
