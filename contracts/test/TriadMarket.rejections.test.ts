// What the contract refuses: foreign signatures, shares mixed from two MPC runs, double
// settlement, replayed signatures, refunds before the deadline, forbidden algorithms, thin pools,
// short allowances, jobs without a buyer key, and receipts replayed to register rows twice.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { erc20Abi, keccak256, toHex, zeroHash } from 'viem'
import { contribute } from '../../src/chain/contribute.ts'
import { getJobEvents } from '../../src/chain/getJobEvents.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readJob } from '../../src/chain/readJob.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { type RequestJobParameters, requestJob } from '../../src/chain/requestJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { withdraw } from '../../src/chain/withdraw.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { signReceipt } from '../../src/protocol/signReceipt.ts'
import { signResult } from '../../src/protocol/signResult.ts'
import {
  algorithmId,
  buyerKey,
  type Fixture,
  otherAlgorithmId,
  price,
  setupMarket,
} from './fixture.ts'

describe('TriadMarket rejections', () => {
  let f: Fixture
  let job: (overrides?: Partial<RequestJobParameters>) => ReturnType<typeof requestJob>
  before(async () => {
    f = await setupMarket()
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
    job = (overrides = {}) =>
      requestJob(f.buyer, {
        market: f.market,
        poolId: f.poolId,
        algorithmId,
        params: '0x',
        buyerKey,
        deadlineSeconds: 600n,
        ...overrides,
      })
  })
  after(async () => {
    await f?.stop()
  })

  it('rejects a result signed by a key outside the committee', async () => {
    const { jobId } = await job()
    const signers = [f.nodes[0]!, f.outsider, f.nodes[2]!]
    const result = await f.signedResult(jobId, signers)
    await assert.rejects(submitResult(f.owner, { market: f.market, jobId, ...result }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_SIGNATURE_INVALID'))
      assert.match(
        error.message,
        /TriadSignatureInvalid\(index: 1, expected: 0x[0-9a-fA-F]{40}, recovered: /,
      )
      assert.ok(error.message.includes(f.outsider.address))
      return true
    })
    // Nodes in the wrong order fail too.
    const swapped = await f.signedResult(jobId, [f.nodes[1]!, f.nodes[0]!, f.nodes[2]!])
    await assert.rejects(
      submitResult(f.owner, { market: f.market, jobId, ...swapped }),
      /TriadSignatureInvalid\(index: 0/,
    )
    // A share that is not the signed one fails.
    const good = await f.signedResult(jobId)
    const tampered = {
      ...good,
      sealedShares: [good.sealedShares[0]!, '0xdead' as const, good.sealedShares[2]!],
    }
    await assert.rejects(
      submitResult(f.owner, { market: f.market, jobId, ...tampered }),
      /TriadSignatureInvalid\(index: 1/,
    )
  })

  it('rejects shares and signatures mixed from two attempts of the MPC run', async () => {
    const { jobId } = await job()
    // Each attempt re-randomises the output shares: node 0's share of attempt 0 and nodes 1-2's
    // of attempt 1 would not reconstruct the result, so the contract must not accept the mix.
    const first = await f.signedResult(jobId, f.nodes, 0)
    const second = await f.signedResult(jobId, f.nodes, 1)
    const mixed = {
      sealedShares: [first.sealedShares[0]!, second.sealedShares[1]!, second.sealedShares[2]!],
      signatures: [first.signatures[0]!, second.signatures[1]!, second.signatures[2]!],
    }
    for (const [attempt, index] of [
      [1, 0],
      [0, 1],
    ] as const) {
      await assert.rejects(
        submitResult(f.owner, { market: f.market, jobId, attempt, ...mixed }),
        (error) => {
          assert.ok(isTriadError(error, 'TRIAD_ERR_SIGNATURE_INVALID'))
          assert.match(error.message, new RegExp(`TriadSignatureInvalid\\(index: ${index},`))
          return true
        },
      )
    }
    // A whole attempt relabelled as another one fails as well.
    await assert.rejects(
      submitResult(f.owner, { market: f.market, jobId, ...first, attempt: 1 }),
      /TriadSignatureInvalid\(index: 0,/,
    )
    // One consistent attempt is accepted, and the event names it.
    const { blockNumber } = await submitResult(f.owner, { market: f.market, jobId, ...second })
    const { events } = await getJobEvents(f.owner, { market: f.market, fromBlock: blockNumber })
    const completed = events.find((e) => e.kind === 'completed' && e.jobId === jobId)
    assert.ok(completed?.kind === 'completed')
    assert.equal(completed.attempt, 1)
    assert.deepEqual(completed.sealedShares, second.sealedShares)
  })

  it('rejects a second submission for the same job', async () => {
    const { jobId } = await job()
    await f.deliver(jobId)
    await assert.rejects(f.deliver(jobId), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'))
      assert.match(error.message, new RegExp(`TriadJobNotPending\\(jobId: ${jobId}, status: 2\\)`))
      assert.match(error.hint ?? '', /already delivered/)
      return true
    })
  })

  it("rejects another job's signatures", async () => {
    const first = await job()
    const second = await job()
    const replayed = await f.signedResult(first.jobId)
    await assert.rejects(
      submitResult(f.owner, { market: f.market, jobId: second.jobId, ...replayed }),
      /TriadSignatureInvalid\(index: 0/,
    )
    // Signatures for the same job id and attempt under another chain's domain fail too.
    const sealedShares = f.nodes.map((_, i) => toHex(`share ${i} on another chain`))
    const signatures = await Promise.all(
      f.nodes.map((account, i) =>
        signResult({
          account,
          chainId: f.chainId + 1,
          market: f.market,
          jobId: second.jobId,
          attempt: 0,
          sealedShare: sealedShares[i]!,
        }),
      ),
    )
    await assert.rejects(
      submitResult(f.owner, {
        market: f.market,
        jobId: second.jobId,
        attempt: 0,
        sealedShares,
        signatures,
      }),
      /TriadSignatureInvalid\(index: 0/,
    )
    await f.deliver(first.jobId)
    await f.deliver(second.jobId)
  })

  it('refunds only after the deadline, to the buyer, and then refuses results', async () => {
    const { jobId, deadline } = await job({ deadlineSeconds: 120n })
    await assert.rejects(refundJob(f.owner, { market: f.market, jobId }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_EXPIRED'))
      assert.match(
        error.message,
        new RegExp(`TriadJobNotExpired\\(jobId: ${jobId}, deadline: ${deadline}\\)`),
      )
      return true
    })
    await f.increaseTime(121)
    await assert.rejects(f.deliver(jobId), (error) => isTriadError(error, 'TRIAD_ERR_JOB_EXPIRED'))
    const buyer = f.buyer.account.address
    const before = await f.balanceOf(buyer)
    const refunded = await refundJob(f.owner, { market: f.market, jobId })
    assert.equal(refunded.amount, price)
    assert.equal(refunded.buyer, buyer)
    assert.equal((await readJob(f.owner, { market: f.market, jobId })).state, 'refunded')
    assert.equal(
      await readCredits(f.owner, { market: f.market, account: buyer, token: f.token }),
      price,
    )
    await withdraw(f.buyer, { market: f.market, token: f.token })
    assert.equal(await f.balanceOf(buyer), before + price)
    await assert.rejects(refundJob(f.owner, { market: f.market, jobId }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'))
      assert.match(error.message, new RegExp(`TriadJobNotPending\\(jobId: ${jobId}, status: 3\\)`))
      assert.match(error.hint ?? '', /already refunded/)
      return true
    })
  })

  it('refuses a job without a buyer key, which no result could be sealed to', async () => {
    await assert.rejects(job({ buyerKey: zeroHash }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
      assert.match(error.message, /TriadBuyerKeyMissing\(\)/)
      assert.match(error.hint ?? '', /X25519 public key/)
      return true
    })
  })

  it('refuses an algorithm the pool does not allow', async () => {
    await assert.rejects(job({ algorithmId: otherAlgorithmId }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_ALGORITHM_NOT_ALLOWED'))
      assert.ok(error.message.includes(otherAlgorithmId))
      assert.ok(error.hint)
      return true
    })
  })

  it('refuses a deadline outside the pool bounds', async () => {
    await assert.rejects(
      job({ deadlineSeconds: 59n }),
      /TriadDeadlineOutOfBounds\(deadlineSeconds: 59, minDeadline: 60/,
    )
  })

  it('refuses a job on a pool with too few contributors', async () => {
    const poolId = await f.newPool({ minContributors: 4 })
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 5n, poolId)
    await assert.rejects(job({ poolId }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_TOO_FEW_CONTRIBUTORS'))
      assert.match(
        error.message,
        new RegExp(`TriadTooFewContributors\\(poolId: ${poolId}, active: 3, required: 4\\)`),
      )
      return true
    })
  })

  it('refuses a job when the allowance is short and approval is off', async () => {
    const hash = await f.buyer.writeContract({
      address: f.token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [f.market, price - 1n],
    })
    await f.buyer.waitForTransactionReceipt({ hash })
    await assert.rejects(job({ approve: false }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_ALLOWANCE_TOO_LOW'))
      assert.match(error.message, /ERC20InsufficientAllowance/)
      return true
    })
  })

  it('refuses receipts signed for another seller', async () => {
    const commitment = keccak256(toHex('rows'))
    const receipts = await Promise.all(
      f.nodes.map((account) =>
        signReceipt({
          account,
          chainId: f.chainId,
          market: f.market,
          poolId: f.poolId,
          seller: f.sellers[0]!.account.address,
          rows: 10n,
          commitment,
        }),
      ),
    )
    await assert.rejects(
      contribute(f.sellers[1]!, {
        market: f.market,
        poolId: f.poolId,
        rows: 10n,
        commitment,
        receipts,
      }),
      /TriadSignatureInvalid\(index: 0/,
    )
  })

  it('refuses receipts replayed to register the same contribution again, even after a revoke', async () => {
    const poolId = await f.newPool({ minContributors: 1 })
    const seller = f.sellers[4]!
    const commitment = keccak256(toHex('one upload of 10 rows'))
    const receipts = await f.signReceipts(seller, poolId, 10n, commitment)
    const params = { market: f.market, poolId, rows: 10n, commitment, receipts }
    const isUsed = () =>
      f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: 'isCommitmentUsed',
        args: [poolId, seller.account.address, commitment],
      })
    assert.equal(await isUsed(), false)
    const first = await contribute(seller, params)
    assert.equal(await isUsed(), true)

    const replayed = (error: unknown) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_COMMITMENT_USED'))
      assert.match(
        error.message,
        new RegExp(
          `TriadCommitmentUsed\\(poolId: ${poolId}, seller: ${seller.account.address}, commitment: ${commitment}\\)`,
        ),
      )
      assert.ok(error.hint)
      return true
    }
    await assert.rejects(contribute(seller, params), replayed)
    const pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeRows, 10n, 'the rows count once')
    assert.equal(pool.activeSellers, 1)

    // Revoking does not free the commitment: the old receipts stay spent.
    await revokeContribution(seller, { market: f.market, contributionId: first.contributionId })
    await assert.rejects(contribute(seller, params), replayed)
    assert.equal((await readPool(f.owner, { market: f.market, poolId })).activeRows, 0n)

    // A new upload (a new commitment, new receipts) registers as usual.
    const fresh = keccak256(toHex('another upload of 10 rows'))
    await contribute(seller, {
      ...params,
      commitment: fresh,
      receipts: await f.signReceipts(seller, poolId, 10n, fresh),
    })
    assert.equal((await readPool(f.owner, { market: f.market, poolId })).activeRows, 10n)
  })
})
