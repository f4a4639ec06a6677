// minContributors counts distinct sellers, not contributions: one seller contributing many
// times counts once, so it cannot meet a pool's privacy threshold on its own. The pool keeps
// a per-(pool, seller) count of active contributions; activeSellers moves only when that count
// goes 0 -> 1 or 1 -> 0, and a job's contributorsSnapshot is the number of distinct sellers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Address } from 'viem'
import { readPool } from '../../src/chain/readPool.ts'
import { requestJob } from '../../src/chain/requestJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { algorithmId, buyerKey, type Fixture, setupMarket } from './fixture.ts'

describe('TriadMarket distinct sellers', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  const activeContributionsOf = (poolId: bigint, seller: Address) =>
    f.owner.readContract({
      address: f.market,
      abi: triadMarketAbi,
      functionName: 'activeContributionsOf',
      args: [poolId, seller],
    })
  const job = (poolId: bigint) =>
    requestJob(f.buyer, {
      market: f.market,
      poolId,
      algorithmId,
      params: '0x',
      buyerKey,
      deadlineSeconds: 600n,
    })

  it('counts one seller with three contributions once and refuses a job on it', async (t) => {
    const poolId = await f.newPool({ minContributors: 3 })
    const seller = f.sellers[0]!
    const gas: bigint[] = []
    for (const rows of [10n, 20n, 30n])
      gas.push((await f.contributeAs(seller, rows, poolId)).gasUsed)
    const pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeSellers, 1)
    assert.equal(pool.activeRows, 60n)
    assert.equal(await activeContributionsOf(poolId, seller.account.address), 3n)
    await assert.rejects(job(poolId), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_TOO_FEW_CONTRIBUTORS'))
      assert.match(
        error.message,
        new RegExp(`TriadTooFewContributors\\(poolId: ${poolId}, active: 1, required: 3\\)`),
      )
      return true
    })
    t.diagnostic(`gas contribute, same seller: ${gas.join(', ')}`)
  })

  it('keeps a seller counted while one contribution is active and drops it after the last', async () => {
    const poolId = await f.newPool({ minContributors: 2 })
    const [a, b] = [f.sellers[1]!, f.sellers[2]!]
    const a1 = await f.contributeAs(a, 10n, poolId)
    const a2 = await f.contributeAs(a, 15n, poolId)
    await f.contributeAs(b, 5n, poolId)
    const sellers = async () =>
      (await readPool(f.owner, { market: f.market, poolId })).activeSellers

    assert.equal(await sellers(), 2)
    const requested = await job(poolId)
    assert.equal(requested.contributorsSnapshot, 2, 'distinct sellers, not 3 contributions')
    assert.equal(requested.rowsSnapshot, 30n)

    await revokeContribution(a, { market: f.market, contributionId: a1.contributionId })
    assert.equal(await sellers(), 2, 'revoking one of two keeps the seller counted')
    assert.equal(await activeContributionsOf(poolId, a.account.address), 1n)
    assert.equal((await job(poolId)).contributorsSnapshot, 2)

    await revokeContribution(a, { market: f.market, contributionId: a2.contributionId })
    assert.equal(await sellers(), 1, 'revoking both drops the seller')
    assert.equal(await activeContributionsOf(poolId, a.account.address), 0n)
    assert.equal((await readPool(f.owner, { market: f.market, poolId })).activeRows, 5n)
    await assert.rejects(
      job(poolId),
      /TriadTooFewContributors\(poolId: \d+, active: 1, required: 2\)/,
    )

    // Contributing again brings the seller back.
    await f.contributeAs(a, 7n, poolId)
    assert.equal(await sellers(), 2)
    assert.equal((await job(poolId)).contributorsSnapshot, 2)
  })

  it('counts sellers per pool', async () => {
    const poolA = await f.newPool({ minContributors: 1 })
    const poolB = await f.newPool({ minContributors: 1 })
    const seller = f.sellers[3]!
    await f.contributeAs(seller, 1n, poolA)
    await f.contributeAs(seller, 2n, poolB)
    await f.contributeAs(seller, 3n, poolB)
    assert.equal((await readPool(f.owner, { market: f.market, poolId: poolA })).activeSellers, 1)
    assert.equal((await readPool(f.owner, { market: f.market, poolId: poolB })).activeSellers, 1)
    assert.equal(await activeContributionsOf(poolA, seller.account.address), 1n)
    assert.equal(await activeContributionsOf(poolB, seller.account.address), 2n)
  })
})
