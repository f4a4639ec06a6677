// Jobs: a request checks the pool's policy and moves the price into escrow (approve, or an
// EIP-2612 permit in the same transaction); the job is one slot and its request an event; a
// result needs the pool's threshold of seat signatures; a signed refusal or a passed deadline
// refunds the buyer; final jobs fold into the pool's ledger in order.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { erc20Abi, keccak256, toHex, zeroHash } from 'viem'
import { advanceLedger } from '../../src/chain/advanceLedger.ts'
import { getJobEvents } from '../../src/chain/getJobEvents.ts'
import { getJobRequest } from '../../src/chain/getJobRequest.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readJob } from '../../src/chain/readJob.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { refuseJob } from '../../src/chain/refuseJob.ts'
import { requestJobWithPermit } from '../../src/chain/requestJobWithPermit.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { writeMarket } from '../../src/chain/writeMarket.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { jobIdOf } from '../../src/protocol/jobId.ts'
import { signRefusal } from '../../src/protocol/signRefusal.ts'
import {
  algorithmId,
  buyerKey,
  type Fixture,
  otherAlgorithmId,
  price,
  setupMarket,
} from './fixture.ts'

describe('TriadMarket jobs', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
  })
  after(async () => {
    await f?.stop()
  })

  const refusalsBy = (jobId: bigint, signers = f.nodes, attempt = 0) =>
    Promise.all(
      signers.map((account) =>
        signRefusal({ account, chainId: f.chainId, market: f.market, jobId, attempt }),
      ),
    )

  describe('requestJob', () => {
    it('escrows the price, stores one slot and emits the request', async () => {
      const buyer = f.buyer.account.address
      const before = await f.balanceOf(buyer)
      const escrow = await f.balanceOf(f.market)
      const job = await f.requestAs({ params: '0x1234' })
      const pool = await readPool(f.owner, { market: f.market, poolId: f.poolId })
      assert.equal(job.jobId, jobIdOf(f.poolId, pool.jobCount - 1n))
      assert.equal(job.sequence, pool.jobCount - 1n)
      assert.equal(await f.balanceOf(buyer), before - price)
      assert.equal(await f.balanceOf(f.market), escrow + price)
      const [event] = await f.events(job.hash, 'JobRequested')
      const { timestamp } = await f.owner.getBlock({ blockNumber: event!.blockNumber })
      assert.deepEqual(event?.args, {
        jobId: job.jobId,
        poolId: f.poolId,
        buyer,
        algorithmId,
        params: '0x1234',
        buyerKey,
        deadline: timestamp + 600n,
        rowsSnapshot: 30n,
        contributorsSnapshot: 3,
        price,
      })
      assert.deepEqual(await readJob(f.owner, { market: f.market, jobId: job.jobId }), {
        jobId: job.jobId,
        poolId: f.poolId,
        sequence: job.sequence,
        state: 'pending',
        buyer,
        deadline: timestamp + 600n,
        rowsSnapshot: 30n,
      })
      const request = await getJobRequest(f.owner, {
        market: f.market,
        jobId: job.jobId,
        fromBlock: 0n,
      })
      assert.equal(request.params, '0x1234')
      assert.equal(request.buyerKey, buyerKey)
      assert.equal(request.transactionHash, job.hash)
      const jobIdOnChain = await f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: 'jobIdOf',
        args: [f.poolId, job.sequence],
      })
      assert.equal(jobIdOnChain, job.jobId)
      await f.deliver(job.jobId)
    })

    it('refuses what the pool does not allow', async () => {
      const refused = async (
        overrides: Parameters<Fixture['requestAs']>[0],
        code: Parameters<typeof isTriadError>[1],
        message: RegExp,
      ) =>
        assert.rejects(f.requestAs(overrides), (error) => {
          assert.ok(isTriadError(error, code), String(error))
          assert.match(error.message, message)
          assert.ok(error.hint)
          return true
        })
      await refused(
        { buyerKey: zeroHash },
        'TRIAD_ERR_CONTRACT_REVERTED',
        /TriadBuyerKeyMissing\(\)/,
      )
      await refused(
        { algorithmId: otherAlgorithmId },
        'TRIAD_ERR_ALGORITHM_NOT_ALLOWED',
        new RegExp(
          `TriadAlgorithmNotAllowed\\(poolId: ${f.poolId}, algorithmId: ${otherAlgorithmId}\\)`,
        ),
      )
      await refused(
        { deadlineSeconds: 59n },
        'TRIAD_ERR_CONTRACT_REVERTED',
        /TriadDeadlineOutOfBounds\(deadlineSeconds: 59, minDeadline: 60, maxDeadline: 86400\)/,
      )
      await refused(
        { deadlineSeconds: 86_401n },
        'TRIAD_ERR_CONTRACT_REVERTED',
        /TriadDeadlineOutOfBounds\(deadlineSeconds: 86401/,
      )
      await refused({ poolId: 999n }, 'TRIAD_ERR_POOL_UNKNOWN', /TriadPoolUnknown\(poolId: 999\)/)
      const thin = await f.newPool({ minContributors: 4 })
      for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 5n, thin)
      await refused(
        { poolId: thin },
        'TRIAD_ERR_TOO_FEW_CONTRIBUTORS',
        new RegExp(`TriadTooFewContributors\\(poolId: ${thin}, active: 3, required: 4\\)`),
      )
    })

    it('refuses a short allowance when told not to approve', async () => {
      const hash = await f.buyer.writeContract({
        address: f.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [f.market, price - 1n],
      })
      await f.buyer.waitForTransactionReceipt({ hash })
      await assert.rejects(f.requestAs({ approve: false }), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_ALLOWANCE_TOO_LOW'))
        assert.match(error.message, /ERC20InsufficientAllowance/)
        return true
      })
      const broke = f.sellers[12]!
      await assert.rejects(f.requestAs({}, broke), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_BALANCE_TOO_LOW'))
        assert.match(error.message, /cannot pay 10000000/)
        return true
      })
    })

    it('takes an EIP-2612 permit instead of an approval, in one transaction', async () => {
      const buyer = f.sellers[8]!
      await f.mint(buyer.account.address, price)
      const allowance = () =>
        f.owner.readContract({
          address: f.token,
          abi: erc20Abi,
          functionName: 'allowance',
          args: [buyer.account.address, f.market],
        })
      assert.equal(await allowance(), 0n)
      const job = await requestJobWithPermit(buyer, {
        market: f.market,
        poolId: f.poolId,
        algorithmId,
        params: '0x',
        buyerKey,
        deadlineSeconds: 600n,
      })
      assert.equal(job.buyer, buyer.account.address)
      assert.equal(await f.balanceOf(buyer.account.address), 0n)
      assert.equal(await allowance(), 0n, 'the permit covered exactly the price')
      await f.deliver(job.jobId)
      // Without funds or a valid permit, nothing moves.
      await assert.rejects(
        requestJobWithPermit(buyer, {
          market: f.market,
          poolId: f.poolId,
          algorithmId,
          params: '0x',
          buyerKey,
          deadlineSeconds: 600n,
        }),
        (error) => isTriadError(error, 'TRIAD_ERR_BALANCE_TOO_LOW'),
      )
      await f.mint(buyer.account.address, price)
      // A forged permit (signed by someone else) is ignored; with no allowance the transfer fails.
      const sequence = (await readPool(f.owner, { market: f.market, poolId: f.poolId })).jobCount
      await assert.rejects(
        writeMarket(buyer, {
          market: f.market,
          functionName: 'requestJobWithPermit',
          args: [
            f.poolId,
            algorithmId,
            '0x',
            buyerKey,
            600n,
            { deadline: 2n ** 40n, v: 27, r: keccak256(toHex('r')), s: keccak256(toHex('s')) },
          ],
        }),
        (error) => isTriadError(error, 'TRIAD_ERR_ALLOWANCE_TOO_LOW'),
      )
      assert.equal(
        (await readPool(f.owner, { market: f.market, poolId: f.poolId })).jobCount,
        sequence,
      )
      // A permit already used (front-run) does not block the request if the allowance is there.
      await f.approveMax(buyer)
      const front = await writeMarket(buyer, {
        market: f.market,
        functionName: 'requestJobWithPermit',
        args: [
          f.poolId,
          algorithmId,
          '0x',
          buyerKey,
          600n,
          { deadline: 2n ** 40n, v: 27, r: keccak256(toHex('r')), s: keccak256(toHex('s')) },
        ],
      })
      assert.equal((await f.events(front.hash, 'JobRequested')).length, 1)
    })
  })

  describe('submitResult', () => {
    it('settles with the whole committee and emits the shares with their seats', async () => {
      const job = await f.requestAs()
      const result = await f.signedResult(job.jobId, f.nodes, 1)
      const { hash, blockNumber } = await submitResult(f.outsiderClient, {
        market: f.market,
        jobId: job.jobId,
        ...result,
      })
      const [event] = await f.events(hash, 'JobCompleted')
      assert.deepEqual(event?.args, {
        jobId: job.jobId,
        poolId: f.poolId,
        attempt: 1,
        seats: 7n,
        sealedShares: result.sealedShares,
      })
      const { events } = await getJobEvents(f.owner, { market: f.market, fromBlock: blockNumber })
      const completed = events.find((e) => e.kind === 'completed')
      assert.ok(completed?.kind === 'completed')
      assert.deepEqual(completed.seats, [0, 1, 2])
      const stored = await readJob(f.owner, { market: f.market, jobId: job.jobId })
      assert.equal(stored.state, 'delivered')
    })

    it("accepts the pool's threshold of seats and no fewer", async () => {
      const poolId = await f.newPool({ threshold: 2, minContributors: 1 })
      await f.contributeAs(f.sellers[0]!, 4n, poolId)
      const job = await f.requestAs({ poolId })
      const one = await f.signedResult(job.jobId, [f.nodes[1]!], 0, [1])
      await assert.rejects(
        submitResult(f.owner, { market: f.market, jobId: job.jobId, ...one }),
        (error) => {
          assert.ok(isTriadError(error, 'TRIAD_ERR_SIGNATURE_INVALID'))
          assert.match(error.message, /TriadTooFewSignatures\(given: 1, threshold: 2\)/)
          return true
        },
      )
      const beyond = await f.signedResult(job.jobId, [f.nodes[0]!, f.nodes[1]!], 0, [0, 3])
      await assert.rejects(
        submitResult(f.owner, { market: f.market, jobId: job.jobId, ...beyond }),
        /TriadSeatsInvalid\(seats: 9, committeeSize: 3\)/,
      )
      const two = await f.signedResult(job.jobId, [f.nodes[0]!, f.nodes[2]!], 0, [0, 2])
      await assert.rejects(
        submitResult(f.owner, {
          market: f.market,
          jobId: job.jobId,
          ...two,
          sealedShares: two.sealedShares.slice(0, 1),
        }),
        /TriadSignatureCountMismatch\(given: 1, expected: 2\)/,
      )
      await assert.rejects(
        submitResult(f.owner, {
          market: f.market,
          jobId: job.jobId,
          ...two,
          signatures: [...two.signatures, two.signatures[0]!],
        }),
        /TriadSignatureCountMismatch\(given: 3, expected: 2\)/,
      )
      // Signatures of seats 0 and 2 presented as seats 0 and 1 are node 2's, not node 1's.
      await assert.rejects(
        submitResult(f.owner, { market: f.market, jobId: job.jobId, ...two, seats: [0, 1] }),
        new RegExp(`TriadSignatureInvalid\\(index: 1, expected: ${f.nodes[1]!.address}`),
      )
      const { hash } = await submitResult(f.owner, { market: f.market, jobId: job.jobId, ...two })
      const [event] = await f.events(hash, 'JobCompleted')
      assert.equal(event?.args.seats, 5n)
      assert.deepEqual(event?.args.sealedShares, two.sealedShares)
    })

    it('refuses unknown, settled and expired jobs', async () => {
      const unknown = jobIdOf(f.poolId, 10_000n)
      await assert.rejects(
        submitResult(f.owner, {
          market: f.market,
          jobId: unknown,
          ...(await f.signedResult(unknown)),
        }),
        (error) => {
          assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_UNKNOWN'))
          assert.match(error.message, new RegExp(`TriadJobUnknown\\(jobId: ${unknown}\\)`))
          return true
        },
      )
      const job = await f.requestAs({ deadlineSeconds: 60n })
      await f.increaseTime(61)
      await assert.rejects(f.deliver(job.jobId), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_EXPIRED'))
        assert.match(
          error.message,
          new RegExp(`TriadJobExpired\\(jobId: ${job.jobId}, deadline: ${job.deadline}\\)`),
        )
        return true
      })
      await refundJob(f.owner, { market: f.market, jobId: job.jobId })
    })
  })

  describe('refuseJob', () => {
    it("refunds the buyer on the committee's signed refusal", async () => {
      const job = await f.requestAs()
      const buyer = f.buyer.account.address
      const credit = await readCredits(f.owner, {
        market: f.market,
        account: buyer,
        token: f.token,
      })
      // A delivery signature is not a refusal: the outcome is signed.
      const delivery = await f.signedResult(job.jobId)
      await assert.rejects(
        refuseJob(f.owner, {
          market: f.market,
          jobId: job.jobId,
          attempt: 0,
          signatures: delivery.signatures,
        }),
        /TriadSignatureInvalid\(index: 0/,
      )
      const two = await refusalsBy(job.jobId, [f.nodes[0]!, f.nodes[1]!])
      await assert.rejects(
        refuseJob(f.owner, { market: f.market, jobId: job.jobId, attempt: 0, signatures: two }),
        /TriadTooFewSignatures\(given: 2, threshold: 3\)/,
      )
      await assert.rejects(
        refuseJob(f.owner, {
          market: f.market,
          jobId: job.jobId,
          attempt: 0,
          signatures: two,
          seats: [0, 1, 2],
        }),
        /TriadSignatureCountMismatch\(given: 2, expected: 3\)/,
      )
      const refused = await refuseJob(f.outsiderClient, {
        market: f.market,
        jobId: job.jobId,
        attempt: 0,
        signatures: await refusalsBy(job.jobId),
      })
      assert.equal(refused.amount, price)
      assert.equal(refused.buyer, buyer)
      const [event] = await f.events(refused.hash, 'JobRefused')
      assert.deepEqual(event?.args, { jobId: job.jobId, poolId: f.poolId, attempt: 0, seats: 7n })
      assert.equal(
        await readCredits(f.owner, { market: f.market, account: buyer, token: f.token }),
        credit + price,
      )
      assert.equal(
        (await readJob(f.owner, { market: f.market, jobId: job.jobId })).state,
        'refused',
      )
      await assert.rejects(f.deliver(job.jobId), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'))
        assert.match(error.message, /status: 4\)/)
        assert.match(error.hint ?? '', /refused and refunded/)
        return true
      })
    })

    it('takes a threshold refusal in a 2-of-3 pool', async () => {
      const poolId = await f.newPool({ threshold: 2, minContributors: 1 })
      await f.contributeAs(f.sellers[1]!, 4n, poolId)
      const job = await f.requestAs({ poolId })
      const { hash } = await refuseJob(f.owner, {
        market: f.market,
        jobId: job.jobId,
        attempt: 3,
        seats: [1, 2],
        signatures: await refusalsBy(job.jobId, [f.nodes[1]!, f.nodes[2]!], 3),
      })
      assert.equal((await f.events(hash, 'JobRefused'))[0]?.args.seats, 6n)
    })
  })

  describe('refund', () => {
    it('refunds only after the deadline, once', async () => {
      const job = await f.requestAs({ deadlineSeconds: 120n })
      await assert.rejects(refundJob(f.owner, { market: f.market, jobId: job.jobId }), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_EXPIRED'))
        assert.match(
          error.message,
          new RegExp(`TriadJobNotExpired\\(jobId: ${job.jobId}, deadline: ${job.deadline}\\)`),
        )
        return true
      })
      await f.increaseTime(121)
      const refunded = await refundJob(f.outsiderClient, { market: f.market, jobId: job.jobId })
      assert.equal(refunded.amount, price)
      const [event] = await f.events(refunded.hash, 'JobRefunded')
      assert.deepEqual(event?.args, {
        jobId: job.jobId,
        poolId: f.poolId,
        buyer: f.buyer.account.address,
        amount: price,
      })
      await assert.rejects(refundJob(f.owner, { market: f.market, jobId: job.jobId }), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'))
        assert.match(error.message, /status: 3\)/)
        assert.match(error.hint ?? '', /already refunded/)
        return true
      })
      await assert.rejects(
        refundJob(f.owner, { market: f.market, jobId: jobIdOf(f.poolId, 99_999n) }),
        /TriadJobUnknown/,
      )
    })
  })

  describe('the ledger', () => {
    it('folds final jobs in order, waiting for a pending one, and keeps C in the job slot', async () => {
      const poolId = await f.newPool({ minContributors: 1, price: 3_000_000n })
      await f.contributeAs(f.sellers[2]!, 3n, poolId)
      const jobs = []
      for (let k = 0; k < 12; k++) jobs.push(await f.requestAs({ poolId }))
      // Job 0 stays pending while 1..11 are delivered: nothing can fold.
      for (const job of jobs.slice(1)) await f.deliver(job.jobId)
      let pool = await readPool(f.owner, { market: f.market, poolId })
      assert.equal(pool.finalizedJobs, 0n)
      // Delivering job 0 folds it and the next 7 (AUTO_ADVANCE_STEPS = 8).
      const { hash } = await f.deliver(jobs[0]!.jobId)
      const [advanced] = await f.events(hash, 'LedgerAdvanced')
      assert.deepEqual(advanced?.args, { poolId, finalizedJobs: 8n })
      const folded = await readJob(f.owner, { market: f.market, jobId: jobs[3]!.jobId })
      assert.deepEqual(folded, {
        jobId: jobs[3]!.jobId,
        poolId,
        sequence: 3n,
        state: 'delivered',
        folded: true,
      })
      // Anyone folds the rest.
      await assert.rejects(
        advanceLedger(f.owner, { market: f.market, poolId: 999n }),
        /TriadPoolUnknown\(poolId: 999\)/,
      )
      const rest = await advanceLedger(f.outsiderClient, { market: f.market, poolId, maxSteps: 2n })
      assert.equal((await f.events(rest.hash, 'LedgerAdvanced'))[0]?.args.finalizedJobs, 10n)
      await advanceLedger(f.outsiderClient, { market: f.market, poolId })
      pool = await readPool(f.owner, { market: f.market, poolId })
      assert.equal(pool.finalizedJobs, 12n)
      const none = await advanceLedger(f.outsiderClient, { market: f.market, poolId })
      assert.equal((await f.events(none.hash, 'LedgerAdvanced')).length, 0)
      // C[k] = k * floor(2_100_000 * 1e27 / 3): every job paid 700_000 per row.
      const perRow = (2_100_000n * 10n ** 27n) / 3n
      const cum = (k: bigint) =>
        f.owner.readContract({
          address: f.market,
          abi: triadMarketAbi,
          functionName: 'cumRatePerRow',
          args: [poolId, k],
        })
      assert.equal(await cum(0n), 0n)
      assert.equal(await cum(12n), 12n * perRow)
      const raw = await f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: 'getJob',
        args: [jobs[11]!.jobId],
      })
      assert.equal(raw.cumRatePerRow, 12n * perRow)
      assert.equal(raw.buyer, '0x0000000000000000000000000000000000000000')
    })
  })
})
