// Pools: anyone creates one inside the governance bounds (split, market share, deadlines,
// contributors, a majority threshold, at least one algorithm); the curator pauses, unpauses and
// closes it; a paused or closed pool takes no contributions or jobs, and closing strands nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { zeroAddress } from 'viem'
import { claim } from '../../src/chain/claim.ts'
import { claimMarketFees } from '../../src/chain/claimMarketFees.ts'
import { claimNodeEarnings } from '../../src/chain/claimNodeEarnings.ts'
import { closePool } from '../../src/chain/closePool.ts'
import { createPool } from '../../src/chain/createPool.ts'
import { pausePool } from '../../src/chain/pausePool.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { unpausePool } from '../../src/chain/unpausePool.ts'
import { withdraw } from '../../src/chain/withdraw.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { algorithmId, type Fixture, otherAlgorithmId, setupMarket } from './fixture.ts'

describe('TriadMarket pools', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  describe('createPool', () => {
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown committee', { committeeId: 9n }, /TriadCommitteeUnknown\(committeeId: 9\)/],
      ['a zero token', { token: zeroAddress }, /TriadZeroAddress\(\)/],
      [
        'shares that do not add up',
        { sellerBps: 7000, nodeBps: 2000, marketBps: 999 },
        /TriadSharesInvalid\(sellerBps: 7000, nodeBps: 2000, marketBps: 999\)/,
      ],
      [
        'a market share above the bound',
        { sellerBps: 5000, nodeBps: 2000, marketBps: 3000 },
        /TriadMarketShareOutOfBounds\(marketBps: 3000, minMarketBps: 0, maxMarketBps: 2000\)/,
      ],
      [
        'a zero minimum deadline',
        { minDeadline: 0n },
        /TriadDeadlineBoundsInvalid\(minDeadline: 0, maxDeadline: 86400\)/,
      ],
      [
        'a minimum deadline above the maximum',
        { minDeadline: 600n, maxDeadline: 599n },
        /TriadDeadlineBoundsInvalid\(minDeadline: 600, maxDeadline: 599\)/,
      ],
      [
        'a maximum deadline beyond a year',
        { maxDeadline: 365n * 86_400n + 1n },
        /TriadDeadlineBoundsInvalid\(minDeadline: 60, maxDeadline: 31536001\)/,
      ],
      [
        'no contributors',
        { minContributors: 0 },
        /TriadMinContributorsInvalid\(minContributors: 0\)/,
      ],
      [
        'a threshold of one node',
        { threshold: 1 },
        /TriadThresholdInvalid\(threshold: 1, committeeSize: 3\)/,
      ],
      [
        'a threshold above the committee',
        { threshold: 4 },
        /TriadThresholdInvalid\(threshold: 4, committeeSize: 3\)/,
      ],
      ['no algorithms', { allowedAlgorithms: [] }, /TriadNoAlgorithms\(\)/],
    ]
    for (const [what, overrides, expected] of refusals) {
      it(`refuses ${what}`, async () => {
        await assert.rejects(f.newPool(overrides), (error) => {
          assert.ok(isTriadError(error))
          assert.match(error.message, expected)
          assert.ok(error.hint, 'every refusal comes with a hint')
          return true
        })
      })
    }

    it('lets anyone create a pool, stores it and emits its parameters', async () => {
      const curator = f.sellers[3]!
      const params = {
        ...f.poolParams,
        threshold: 2,
        allowedAlgorithms: [algorithmId, otherAlgorithmId],
        price: 2n ** 96n - 1n,
      }
      const { poolId, hash } = await createPool(curator, { market: f.market, pool: params })
      const [event] = await f.events(hash, 'PoolCreated')
      assert.equal(event?.args.poolId, poolId)
      assert.equal(event?.args.curator, curator.account.address)
      assert.equal(event?.args.committeeId, f.committeeId)
      assert.deepEqual(event?.args.params, params)
      const pool = await readPool(f.owner, { market: f.market, poolId })
      assert.deepEqual(pool, {
        poolId,
        schemaHash: params.schemaHash,
        schemaURI: params.schemaURI,
        committeeId: f.committeeId,
        curator: curator.account.address,
        token: f.token,
        price: params.price,
        sellerBps: 7000,
        nodeBps: 2000,
        marketBps: 1000,
        minContributors: 3,
        threshold: 2,
        minDeadline: 60n,
        maxDeadline: 86_400n,
        status: 'open',
        activeSellers: 0,
        activeRows: 0n,
        jobCount: 0n,
        finalizedJobs: 0n,
        contributionCount: 0n,
      })
      const allowed = (id: `0x${string}`) =>
        f.owner.readContract({
          address: f.market,
          abi: triadMarketAbi,
          functionName: 'isAlgorithmAllowed',
          args: [poolId, id],
        })
      assert.equal(await allowed(otherAlgorithmId), true)
      assert.equal(await allowed(f.poolParams.schemaHash), false)
      // threshold 0 means the whole committee.
      const all = await f.newPool({ threshold: 0 })
      assert.equal((await readPool(f.owner, { market: f.market, poolId: all })).threshold, 3)
      await assert.rejects(readPool(f.owner, { market: f.market, poolId: 999n }), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_POOL_UNKNOWN'))
        assert.match(error.message, /TriadPoolUnknown\(poolId: 999\)/)
        return true
      })
    })
  })

  describe('curator controls', () => {
    it('pauses, unpauses and closes, for the curator only, in a valid order', async () => {
      const curator = f.sellers[4]!
      const poolId = await f.newPool({ minContributors: 1 }, curator)
      const market = f.market
      await f.contributeAs(f.sellers[0]!, 3n, poolId)

      await assert.rejects(pausePool(f.owner, { market, poolId }), (error) => {
        assert.match(
          String(error),
          new RegExp(`TriadNotCurator\\(poolId: ${poolId}, caller: ${f.owner.account.address}\\)`),
        )
        return true
      })
      await assert.rejects(pausePool(curator, { market, poolId: 999n }), /TriadPoolUnknown/)
      await assert.rejects(
        unpausePool(curator, { market, poolId }),
        new RegExp(`TriadPoolStatusInvalid\\(poolId: ${poolId}, status: 0\\)`),
      )

      const paused = await pausePool(curator, { market, poolId })
      assert.deepEqual((await f.events(paused.hash, 'PoolStatusChanged'))[0]?.args, {
        poolId,
        status: 1,
      })
      assert.equal((await readPool(f.owner, { market, poolId })).status, 'paused')
      const notOpen = (status: number) => (error: unknown) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_POOL_NOT_OPEN'))
        assert.match(
          error.message,
          new RegExp(`TriadPoolNotOpen\\(poolId: ${poolId}, status: ${status}\\)`),
        )
        assert.match(error.hint ?? '', status === 1 ? /unpaused/ : /closed for good/)
        return true
      }
      await assert.rejects(f.contributeAs(f.sellers[1]!, 3n, poolId), notOpen(1))
      await assert.rejects(f.requestAs({ poolId }), notOpen(1))
      await assert.rejects(pausePool(curator, { market, poolId }), /TriadPoolStatusInvalid/)

      const resumed = await unpausePool(curator, { market, poolId })
      assert.equal((await f.events(resumed.hash, 'PoolStatusChanged'))[0]?.args.status, 0)
      const job = await f.requestAs({ poolId })
      assert.equal(job.rowsSnapshot, 3n)

      await assert.rejects(closePool(f.owner, { market, poolId }), /TriadNotCurator/)
      const closed = await closePool(curator, { market, poolId })
      assert.equal((await f.events(closed.hash, 'PoolStatusChanged'))[0]?.args.status, 2)
      await assert.rejects(f.contributeAs(f.sellers[1]!, 3n, poolId), notOpen(2))
      await assert.rejects(f.requestAs({ poolId }), notOpen(2))
      for (const action of [pausePool, unpausePool, closePool]) {
        await assert.rejects(
          action(curator, { market, poolId }),
          new RegExp(`TriadPoolStatusInvalid\\(poolId: ${poolId}, status: 2\\)`),
        )
      }
      // A paused pool can be closed too.
      const other = await f.newPool({}, curator)
      await pausePool(curator, { market, poolId: other })
      await closePool(curator, { market, poolId: other })
      assert.equal((await readPool(f.owner, { market, poolId: other })).status, 'closed')
    })

    it('strands nothing when it closes: pending jobs settle or refund, everyone is paid', async () => {
      const { market, token } = f
      const poolId = await f.newPool({ minContributors: 2, price: 1_000_001n })
      const [a, b] = [f.sellers[5]!, f.sellers[6]!]
      const ca = await f.contributeAs(a, 1n, poolId)
      const cb = await f.contributeAs(b, 2n, poolId)
      const delivered = await f.requestAs({ poolId })
      const expiring = await f.requestAs({ poolId, deadlineSeconds: 60n })
      await closePool(f.owner, { market, poolId })

      const buyer = f.buyer.account.address
      const buyerCredit = await readCredits(f.owner, { market, account: buyer, token })
      await f.deliver(delivered.jobId)
      await f.increaseTime(61)
      await refundJob(f.outsiderClient, { market, jobId: expiring.jobId })
      assert.equal(
        await readCredits(f.owner, { market, account: buyer, token }),
        buyerCredit + 1_000_001n,
      )
      // Sellers still revoke and claim in a closed pool.
      await revokeContribution(b, { market, poolId, commitment: cb.commitment })
      const sellers = (1_000_001n * 7000n) / 10_000n // 700_000
      const got = [
        (await claim(a, { market, poolId, seller: a.account.address, commitment: ca.commitment }))
          .amount,
        (await claim(b, { market, poolId, seller: b.account.address, commitment: cb.commitment }))
          .amount,
      ]
      assert.deepEqual(got, [233_333n, 466_666n])
      assert.ok(sellers - (got[0]! + got[1]!) <= 2n, 'at most rounding dust stays')
      await withdraw(a, { market, token })
      await withdraw(b, { market, token })
      const paid = await claimNodeEarnings(f.owner, {
        market,
        committeeId: f.committeeId,
        epoch: 0,
        token,
      })
      assert.equal(paid.amountPerSeat, (1_000_001n * 2000n) / 10_000n / 3n)
      const fee = await claimMarketFees(f.owner, { market, token })
      assert.equal(fee.amount, 1_000_001n - 700_000n - 3n * 66_666n)
    })
  })
})
