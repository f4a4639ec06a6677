// Invariants for money under a random, seeded history of contributions, revocations, jobs,
// deliveries, refunds and claims in one pool:
//   - the market holds exactly: pending escrow + credits + sellers' amounts not yet claimed
//     (unclaimed includes rounding dust), so it is always solvent;
//   - every contribution's claims total its exact pro-rata share minus less than 2 base units;
//   - a contribution never earns from a job outside [joinedAt, revokedAt).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { advanceLedger } from '../../src/chain/advanceLedger.ts'
import { claim } from '../../src/chain/claim.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { requestJob } from '../../src/chain/requestJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { algorithmId, buyerKey, type Fixture, setupMarket } from './fixture.ts'

/** A small deterministic PRNG (mulberry32) so a failure replays. */
function prng(seed: number) {
  let a = seed >>> 0
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) % n) as number
  }
}

interface Model {
  seller: number
  rows: bigint
  joinedAt: bigint
  revokedAt: bigint | undefined
  claimed: bigint
}

describe('TriadMarket ledger invariants', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  it('stays solvent and exact under a random history', async () => {
    const seed = Number(process.env.TRIAD_FUZZ_SEED ?? 20_240_601)
    const random = prng(seed)
    const price = 999_983n // prime: every split rounds
    const sellerBps = 6900n
    const poolId = await f.newPool({
      price,
      sellerBps: 6900,
      nodeBps: 2100,
      marketBps: 1000,
      minContributors: 1,
    })
    const { market, token } = f
    const contributions = new Map<bigint, Model>()
    const jobs: {
      jobId: bigint
      k: bigint
      rows: bigint
      state: 'pending' | 'delivered' | 'refunded'
    }[] = []
    let jobCount = 0n
    let escrow = 0n
    let sellerTotal = 0n
    let claimedTotal = 0n

    const add = async () => {
      const seller = random(f.sellers.length)
      const rows = BigInt(1 + random(40))
      const { contributionId, joinedAt } = await f.contributeAs(f.sellers[seller]!, rows, poolId)
      assert.equal(joinedAt, jobCount)
      contributions.set(contributionId, {
        seller,
        rows,
        joinedAt,
        revokedAt: undefined,
        claimed: 0n,
      })
    }
    await add()
    for (let step = 0; step < 60; step++) {
      const op = random(10)
      const active = [...contributions].filter(([, c]) => c.revokedAt === undefined)
      const pending = jobs.filter((j) => j.state === 'pending')
      if (op < 3 || active.length === 0) {
        await add()
      } else if (op === 3 && active.length > 1) {
        const [id, c] = active[random(active.length)]!
        await revokeContribution(f.sellers[c.seller]!, { market, contributionId: id })
        c.revokedAt = jobCount
      } else if (op <= 5) {
        const job = await requestJob(f.buyer, {
          market,
          poolId,
          algorithmId,
          params: '0x',
          buyerKey,
          deadlineSeconds: 600n,
        })
        const rows = active.reduce((sum, [, c]) => sum + c.rows, 0n)
        assert.equal(job.rowsSnapshot, rows, 'the snapshot is the sum of the active rows')
        jobs.push({ jobId: job.jobId, k: job.sequence, rows, state: 'pending' })
        jobCount++
        escrow += price
      } else if (op <= 7 && pending.length > 0) {
        const job = pending[random(pending.length)]!
        await f.deliver(job.jobId)
        job.state = 'delivered'
        escrow -= price
        sellerTotal += (price * sellerBps) / 10_000n
      } else if (op === 8 && pending.length > 0 && random(3) === 0) {
        await f.increaseTime(601)
        for (const job of pending) {
          await refundJob(f.owner, { market, jobId: job.jobId })
          job.state = 'refunded'
          escrow -= price
        }
      } else {
        const ids = [...contributions.keys()]
        const id = ids[random(ids.length)]!
        const c = contributions.get(id)!
        const { amount } = await claim(f.sellers[c.seller]!, { market, contributionId: id })
        c.claimed += amount
        claimedTotal += amount
      }
    }
    // Finish: deliver everything pending, fold the ledger, claim everything.
    for (const job of jobs.filter((j) => j.state === 'pending')) {
      await f.deliver(job.jobId)
      job.state = 'delivered'
      escrow -= price
      sellerTotal += (price * sellerBps) / 10_000n
    }
    await advanceLedger(f.owner, { market, poolId })
    for (const [id, c] of contributions) {
      const { amount } = await claim(f.sellers[c.seller]!, { market, contributionId: id })
      c.claimed += amount
      claimedTotal += amount
    }

    assert.equal(escrow, 0n)
    assert.ok(
      claimedTotal <= sellerTotal,
      `claimed ${claimedTotal} > sellers' amount ${sellerTotal}`,
    )
    const sellerAmount = (price * sellerBps) / 10_000n
    const scale = 10n ** 36n
    for (const [id, c] of contributions) {
      let exact = 0n // in units of 1e-36
      for (const job of jobs) {
        const uses = c.joinedAt <= job.k && (c.revokedAt === undefined || job.k < c.revokedAt)
        if (uses && job.state === 'delivered') exact += (c.rows * sellerAmount * scale) / job.rows
      }
      const claimedScaled = c.claimed * scale
      assert.ok(
        claimedScaled <= exact + scale / 10n ** 9n,
        `contribution ${id} overpaid: ${c.claimed}`,
      )
      assert.ok(
        exact - claimedScaled < 2n * scale,
        `contribution ${id} underpaid: ${c.claimed} vs ${exact / scale}`,
      )
    }
    let credits = 0n
    const accounts = [
      ...f.sellers.map((s) => s.account.address),
      ...f.nodes.map((n) => n.address),
      f.treasury.account.address,
      f.buyer.account.address,
    ]
    for (const account of accounts)
      credits += await readCredits(f.owner, { market, account, token })
    const poolBalanceBefore = await f.balanceOf(market)
    // Other tests in this file share no pool, so the market's balance is this pool's alone.
    assert.equal(
      poolBalanceBefore,
      credits + (sellerTotal - claimedTotal),
      'balance = escrow + credits + dust',
    )
    assert.ok(
      sellerTotal - claimedTotal < 2n * BigInt(contributions.size),
      'dust stays below 2 units each',
    )
  })
})
