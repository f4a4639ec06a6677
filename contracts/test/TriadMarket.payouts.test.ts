// The whole happy path and the payout ledger: committee, pool, five sellers with real node
// receipts, a buyer paying into escrow, a result with three signatures, pro-rata payouts.
//
// Ledger proof sketch (also in TriadMarket's NatSpec): job k uses contribution c iff
// joinedAt_c <= k < revokedAt_c, so the rows snapshot R_k is the sum of the rows it uses.
// C[k+1] = C[k] + floor(S_k * 1e27 / R_k) for delivered jobs. A contribution's claims total
// floor(r_c C[e] / 1e27) - ceil(r_c C[s] / 1e27) whatever their timing (the sum telescopes), which
// is at most r_c (C[e] - C[s]) / 1e27; summed over c, job k pays at most R_k inc_k / 1e27 <= S_k,
// so the market stays solvent, and each contribution loses less than 2 base units.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { claim } from '../../src/chain/claim.ts'
import { getJobEvents } from '../../src/chain/getJobEvents.ts'
import { readContribution } from '../../src/chain/readContribution.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readJob } from '../../src/chain/readJob.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { requestJob } from '../../src/chain/requestJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { withdraw } from '../../src/chain/withdraw.ts'
import { algorithmId, buyerKey, type Fixture, price, setupMarket } from './fixture.ts'

describe('TriadMarket payouts', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  const sellerAmount = (price * 7000n) / 10_000n
  const nodeAmount = (price * 2000n) / 10_000n
  const perNode = nodeAmount / 3n
  const marketAmount = price - sellerAmount - nodeAmount + (nodeAmount - perNode * 3n)

  it('runs the happy path: escrow, verified result, pro-rata sellers, nodes, market', async (t) => {
    const { market, token } = f
    const rows = [10n, 20n, 30n, 15n, 25n] // 100 rows: 70_000 base units per row
    const contributions: bigint[] = []
    const contributeGas: bigint[] = []
    for (const [i, r] of rows.entries()) {
      const result = await f.contributeAs(f.sellers[i]!, r)
      contributions.push(result.contributionId)
      contributeGas.push(result.gasUsed)
    }
    const pool = await readPool(f.owner, { market, poolId: f.poolId })
    assert.equal(pool.activeSellers, 5)
    assert.equal(pool.activeRows, 100n)

    const buyerBefore = await f.balanceOf(f.buyer.account.address)
    const job = await requestJob(f.buyer, {
      market,
      poolId: f.poolId,
      algorithmId,
      params: '0x1234',
      buyerKey,
      deadlineSeconds: 3600n,
    })
    assert.notEqual(job.approveHash, undefined, 'requestJob approves when the allowance is short')
    assert.equal(job.sequence, 0n)
    assert.equal(job.rowsSnapshot, 100n)
    assert.equal(job.contributorsSnapshot, 5)
    assert.equal(await f.balanceOf(f.buyer.account.address), buyerBefore - price)
    assert.equal(await f.balanceOf(market), price, 'the price sits in escrow')
    const stored = await readJob(f.owner, { market, jobId: job.jobId })
    assert.equal(stored.state, 'pending')
    assert.equal(stored.buyerKey, buyerKey)

    const { sealedShares, signatures } = await f.signedResult(job.jobId, f.nodes, 2)
    const submitted = await submitResult(f.owner, {
      market,
      jobId: job.jobId,
      attempt: 2,
      sealedShares,
      signatures,
    })
    assert.equal((await readJob(f.owner, { market, jobId: job.jobId })).state, 'delivered')

    const { events } = await getJobEvents(f.owner, { market, fromBlock: 0n })
    const completed = events.find((e) => e.kind === 'completed' && e.jobId === job.jobId)
    assert.ok(completed?.kind === 'completed')
    assert.deepEqual(
      completed.sealedShares,
      sealedShares,
      'the buyer reads its shares from the event',
    )
    assert.equal(completed.attempt, 2, 'and the MPC run they come from')
    const requested = events.find((e) => e.kind === 'requested' && e.jobId === job.jobId)
    assert.ok(requested?.kind === 'requested')
    assert.equal(requested.params, '0x1234')

    // Nodes and market are credited at settlement; sellers claim from the ledger.
    for (const node of f.nodes) {
      assert.equal(await readCredits(f.owner, { market, account: node.address, token }), perNode)
    }
    assert.equal(
      await readCredits(f.owner, { market, account: f.treasury.account.address, token }),
      marketAmount,
    )
    for (const [i, id] of contributions.entries()) {
      const c = await readContribution(f.owner, { market, contributionId: id })
      assert.equal(c.claimable, rows[i]! * 70_000n)
    }

    // Before the sellers claim: balance = credits + unclaimed sellers' amount.
    assert.equal(await f.balanceOf(market), price)
    for (const [i, id] of contributions.entries()) {
      const { amount } = await claim(f.sellers[i]!, { market, contributionId: id })
      assert.equal(amount, rows[i]! * 70_000n)
      assert.equal(
        (await claim(f.sellers[i]!, { market, contributionId: id })).amount,
        0n,
        'no double claim',
      )
    }
    let credits = 0n
    for (const account of [
      ...f.sellers.slice(0, 5).map((s) => s.account.address),
      ...f.nodes.map((n) => n.address),
      f.treasury.account.address,
    ]) {
      credits += await readCredits(f.owner, { market, account, token })
    }
    assert.equal(credits, price, 'every unit of the price is credited to someone')
    assert.equal(await f.balanceOf(market), credits, 'contract balance = escrow (0) + credits')

    const withdrawn = await withdraw(f.sellers[0]!, { market, token })
    assert.equal(withdrawn.amount, 700_000n)
    assert.equal(await f.balanceOf(f.sellers[0]!.account.address), 700_000n)
    await withdraw(f.nodeClients[0]!, { market, token })
    assert.equal(await f.balanceOf(f.nodes[0]!.address), perNode)
    await assert.rejects(withdraw(f.sellers[0]!, { market, token }), /TriadNothingToWithdraw/)

    t.diagnostic(`gas contribute: ${contributeGas.join(', ')}`)
    t.diagnostic(`gas requestJob (after approve): ${job.gasUsed}`)
    t.diagnostic(`gas submitResult: ${submitted.gasUsed}`)
    t.diagnostic(`gas withdraw: ${withdrawn.gasUsed}`)
    // Constant in the number of sellers: the fifth contribution costs what the second does.
    assert.ok(contributeGas[4]! - contributeGas[1]! < 1000n)
  })

  it('pays a late joiner nothing from a job requested before it joined', async () => {
    const { market } = f
    const job = await requestJob(f.buyer, {
      market,
      poolId: f.poolId,
      algorithmId,
      params: '0x',
      buyerKey,
      deadlineSeconds: 3600n,
    })
    assert.equal(job.sequence, 1n)
    const late = await f.contributeAs(f.sellers[5]!, 50n)
    assert.equal(late.joinedAt, 2n)
    // A seller revoking after the request is still paid for this job.
    await revokeContribution(f.sellers[4]!, { market, contributionId: 5n })
    await f.deliver(job.jobId)
    assert.equal(
      (await readContribution(f.owner, { market, contributionId: late.contributionId })).claimable,
      0n,
    )
    assert.equal(
      (await readContribution(f.owner, { market, contributionId: 5n })).claimable,
      25n * 70_000n,
    )

    // The next job uses the late joiner (50 rows) and not the revoked seller: 125 rows.
    const next = await requestJob(f.buyer, {
      market,
      poolId: f.poolId,
      algorithmId,
      params: '0x',
      buyerKey,
      deadlineSeconds: 3600n,
    })
    assert.equal(next.rowsSnapshot, 125n)
    assert.equal(next.contributorsSnapshot, 5)
    await f.deliver(next.jobId)
    const perRow = (sellerAmount * 10n ** 27n) / 125n
    const lateClaim = await readContribution(f.owner, {
      market,
      contributionId: late.contributionId,
    })
    assert.equal(lateClaim.claimable, (50n * perRow) / 10n ** 27n)
    assert.equal(
      (await readContribution(f.owner, { market, contributionId: 5n })).claimable,
      25n * 70_000n,
    )
  })

  it('gives the same total whether a seller claims after every job or once at the end', async () => {
    const { market } = f
    const poolId = await f.newPool({ price: 1_000_003n })
    const a = await f.contributeAs(f.sellers[0]!, 7n, poolId)
    const b = await f.contributeAs(f.sellers[1]!, 11n, poolId)
    await f.contributeAs(f.sellers[2]!, 13n, poolId)
    let eager = 0n
    for (let k = 0; k < 4; k++) {
      const job = await requestJob(f.buyer, {
        market,
        poolId,
        algorithmId,
        params: '0x',
        buyerKey,
        deadlineSeconds: 3600n,
      })
      await f.deliver(job.jobId)
      eager += (await claim(f.sellers[0]!, { market, contributionId: a.contributionId })).amount
    }
    const lazy = (await claim(f.sellers[1]!, { market, contributionId: b.contributionId })).amount
    const jobSellerAmount = (1_000_003n * 7000n) / 10_000n
    const exact = (r: bigint) => (4n * jobSellerAmount * r) / 31n
    assert.ok(exact(7n) - eager <= 2n && eager <= exact(7n), `eager ${eager} vs exact ${exact(7n)}`)
    assert.ok(exact(11n) - lazy <= 2n && lazy <= exact(11n), `lazy ${lazy} vs exact ${exact(11n)}`)
    const pool = await readPool(f.owner, { market, poolId })
    assert.equal(pool.finalizedJobs, 4n)
  })
})
