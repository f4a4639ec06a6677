// Attacks the contract must survive: a signature from outside the committee, a signature reused
// from another job, chain or contract, a malleable (high-s) signature, shares mixed from two MPC
// attempts, a second settlement, a refund before the deadline, reentrancy through a hostile
// token, and a late joiner diluting a job it was not part of.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  type Address,
  concat,
  encodeFunctionData,
  type Hex,
  numberToHex,
  parseSignature,
  toHex,
} from 'viem'
import { claim } from '../../src/chain/claim.ts'
import { createPool } from '../../src/chain/createPool.ts'
import { deployMarket } from '../../src/chain/deployMarket.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { registerCommittee } from '../../src/chain/registerCommittee.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { jobIdOf } from '../../src/protocol/jobId.ts'
import { signResult } from '../../src/protocol/signResult.ts'
import { algorithmId, buyerKey, type Fixture, nodeRecord, price, setupMarket } from './fixture.ts'
import { hostileTokenAbi, hostileTokenBytecode } from './generated/index.ts'

/** The order of secp256k1's group. */
const curveOrder = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const reentrantCall = '0x3ee5aeb5' // ReentrancyGuardReentrantCall()

describe('TriadMarket attacks', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
    for (const seller of f.sellers.slice(0, 3)) await f.contributeAs(seller, 10n)
  })
  after(async () => {
    await f?.stop()
  })

  const submit = (jobId: bigint, result: Awaited<ReturnType<Fixture['signedResult']>>) =>
    submitResult(f.owner, { market: f.market, jobId, ...result })

  it('rejects a result signed by a key outside the committee', async () => {
    const { jobId } = await f.requestAs()
    const result = await f.signedResult(jobId, [f.nodes[0]!, f.outsider, f.nodes[2]!])
    await assert.rejects(submit(jobId, result), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_SIGNATURE_INVALID'))
      assert.match(
        error.message,
        new RegExp(
          `TriadSignatureInvalid\\(index: 1, expected: ${f.nodes[1]!.address}, recovered: ${f.outsider.address}\\)`,
        ),
      )
      return true
    })
    // The nodes in the wrong seats fail too, and so does a share that is not the signed one.
    await assert.rejects(
      submit(jobId, await f.signedResult(jobId, [f.nodes[1]!, f.nodes[0]!, f.nodes[2]!])),
      /TriadSignatureInvalid\(index: 0/,
    )
    const good = await f.signedResult(jobId)
    await assert.rejects(
      submit(jobId, {
        ...good,
        sealedShares: [good.sealedShares[0]!, '0xdead', good.sealedShares[2]!],
      }),
      /TriadSignatureInvalid\(index: 1/,
    )
    await submit(jobId, good)
  })

  it("rejects another job's, another chain's and another contract's signatures", async () => {
    const first = await f.requestAs()
    const second = await f.requestAs()
    await assert.rejects(
      submit(second.jobId, await f.signedResult(first.jobId)),
      /TriadSignatureInvalid\(index: 0/,
    )
    const underDomain = async (chainId: number, market: Address) => {
      const sealedShares = f.nodes.map((_, seat) => toHex(`share ${seat} elsewhere`))
      const signatures = await Promise.all(
        f.nodes.map((account, seat) =>
          signResult({
            account,
            chainId,
            market,
            jobId: second.jobId,
            attempt: 0,
            sealedShare: sealedShares[seat]!,
          }),
        ),
      )
      return { attempt: 0, seats: [0, 1, 2], sealedShares, signatures }
    }
    await assert.rejects(
      submit(second.jobId, await underDomain(f.chainId + 1, f.market)),
      /TriadSignatureInvalid\(index: 0/,
    )
    // A second market with the same committee, pool and job id: its signatures do not carry over.
    const other = await deployMarket(f.owner, { token: f.token })
    const { committeeId } = await registerCommittee(f.owner, {
      market: other.market,
      nodes: f.nodes.map((node, seat) => nodeRecord(node.address, seat)),
    })
    await createPool(f.owner, { market: other.market, pool: { ...f.poolParams, committeeId } })
    await assert.rejects(
      submit(second.jobId, await underDomain(f.chainId, other.market)),
      /TriadSignatureInvalid\(index: 0/,
    )
    const domain = (market: Address) =>
      f.owner.readContract({
        address: market,
        abi: triadMarketAbi,
        functionName: 'domainSeparator',
      })
    assert.notEqual(await domain(other.market), await domain(f.market))
    await submit(first.jobId, await f.signedResult(first.jobId))
    await submit(second.jobId, await f.signedResult(second.jobId))
  })

  it('rejects a malleable (high-s) twin of a valid signature', async () => {
    const { jobId } = await f.requestAs()
    const good = await f.signedResult(jobId)
    const { r, s, yParity } = parseSignature(good.signatures[1]!)
    // (r, n - s) with the other parity recovers the same key in plain ecrecover.
    const twin = concat([
      r,
      numberToHex(curveOrder - BigInt(s), { size: 32 }),
      numberToHex(yParity === 0 ? 28 : 27, { size: 1 }),
    ])
    const malleable = { ...good, signatures: [good.signatures[0]!, twin, good.signatures[2]!] }
    await assert.rejects(
      submit(jobId, malleable),
      new RegExp(
        `TriadSignatureInvalid\\(index: 1, expected: ${f.nodes[1]!.address}, recovered: 0x0000000000000000000000000000000000000000\\)`,
      ),
    )
    // A truncated signature fails the same way.
    const short = {
      ...good,
      signatures: [
        good.signatures[0]!,
        good.signatures[1]!.slice(0, 100) as Hex,
        good.signatures[2]!,
      ],
    }
    await assert.rejects(submit(jobId, short), /TriadSignatureInvalid\(index: 1/)
    await submit(jobId, good)
  })

  it('rejects shares and signatures mixed from two attempts of the MPC run', async () => {
    const { jobId } = await f.requestAs()
    // Each attempt re-randomises the output shares: a mix would not reconstruct the result.
    const first = await f.signedResult(jobId, f.nodes, 0)
    const second = await f.signedResult(jobId, f.nodes, 1)
    const mixed = {
      seats: [0, 1, 2],
      sealedShares: [first.sealedShares[0]!, second.sealedShares[1]!, second.sealedShares[2]!],
      signatures: [first.signatures[0]!, second.signatures[1]!, second.signatures[2]!],
    }
    await assert.rejects(
      submit(jobId, { ...mixed, attempt: 1 }),
      /TriadSignatureInvalid\(index: 0,/,
    )
    await assert.rejects(
      submit(jobId, { ...mixed, attempt: 0 }),
      /TriadSignatureInvalid\(index: 1,/,
    )
    await assert.rejects(
      submit(jobId, { ...first, attempt: 1 }),
      /TriadSignatureInvalid\(index: 0,/,
    )
    await submit(jobId, second)
  })

  it('settles once, and refunds only after the deadline', async () => {
    const { jobId } = await f.requestAs({ deadlineSeconds: 120n })
    await assert.rejects(refundJob(f.owner, { market: f.market, jobId }), /TriadJobNotExpired/)
    await f.deliver(jobId)
    const balance = await f.balanceOf(f.market)
    await assert.rejects(f.deliver(jobId), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING'))
      assert.match(error.message, new RegExp(`TriadJobNotPending\\(jobId: ${jobId}, status: 2\\)`))
      assert.match(error.hint ?? '', /already delivered/)
      return true
    })
    await f.increaseTime(121)
    await assert.rejects(refundJob(f.owner, { market: f.market, jobId }), /status: 2\)/)
    assert.equal(await f.balanceOf(f.market), balance)
  })

  it('pays a late joiner nothing from a job it did not take part in', async () => {
    const poolId = await f.newPool({ minContributors: 1 })
    const honest = await f.contributeAs(f.sellers[3]!, 10n, poolId)
    const job = await f.requestAs({ poolId })
    // A seller floods the pool with rows after the request, before the result.
    const flood = await f.contributeAs(f.sellers[4]!, 1_000_000n, poolId)
    await f.deliver(job.jobId)
    const claimFor = (seller: number, commitment: Hex) =>
      claim(f.outsiderClient, {
        market: f.market,
        poolId,
        seller: f.sellers[seller]!.account.address,
        commitment,
      })
    assert.equal((await claimFor(4, flood.commitment)).amount, 0n)
    assert.equal((await claimFor(3, honest.commitment)).amount, (price * 7000n) / 10_000n)
  })

  describe('a hostile token', () => {
    let token: Address
    let poolId: bigint
    const execute = async (to: Address, data: Hex) => {
      const hash = await f.owner.writeContract({
        address: token,
        abi: hostileTokenAbi,
        functionName: 'execute',
        args: [to, data],
      })
      const receipt = await f.owner.waitForTransactionReceipt({ hash })
      assert.equal(receipt.status, 'success')
      return hash
    }
    const arm = async (payload: Hex) => {
      const hash = await f.owner.writeContract({
        address: token,
        abi: hostileTokenAbi,
        functionName: 'arm',
        args: [f.market, payload],
      })
      await f.owner.waitForTransactionReceipt({ hash })
    }
    const hostile = <const name extends 'lastCallSucceeded' | 'lastReturnData' | 'reentries'>(
      functionName: name,
    ) => f.owner.readContract({ address: token, abi: hostileTokenAbi, functionName })
    const tokenBalance = (account: Address) =>
      f.owner.readContract({
        address: token,
        abi: hostileTokenAbi,
        functionName: 'balanceOf',
        args: [account],
      })
    const requestCall = (deadlineSeconds: bigint) =>
      encodeFunctionData({
        abi: triadMarketAbi,
        functionName: 'requestJob',
        args: [poolId, algorithmId, '0x', buyerKey, deadlineSeconds],
      })

    before(async () => {
      const hash = await f.owner.deployContract({
        abi: hostileTokenAbi,
        bytecode: hostileTokenBytecode,
      })
      token = (await f.owner.waitForTransactionReceipt({ hash })).contractAddress!
      poolId = await f.newPool({ token, minContributors: 1 })
      await f.contributeAs(f.sellers[5]!, 10n, poolId)
      // The token itself is the buyer: it holds funds and has approved the market.
      const mint = await f.owner.writeContract({
        address: token,
        abi: hostileTokenAbi,
        functionName: 'mint',
        args: [token, 10n * price],
      })
      await f.owner.waitForTransactionReceipt({ hash: mint })
      await execute(
        token,
        encodeFunctionData({
          abi: hostileTokenAbi,
          functionName: 'approve',
          args: [f.market, 10n * price],
        }),
      )
    })

    it('cannot re-enter requestJob while the price moves', async () => {
      const before = (await readPool(f.owner, { market: f.market, poolId })).jobCount
      await arm(requestCall(600n))
      await execute(f.market, requestCall(600n))
      assert.equal(await hostile('reentries'), 1n)
      assert.equal(await hostile('lastCallSucceeded'), false)
      assert.equal(await hostile('lastReturnData'), reentrantCall)
      assert.equal((await readPool(f.owner, { market: f.market, poolId })).jobCount, before + 1n)
      assert.equal(await tokenBalance(f.market), price, 'one price in escrow, not two')
    })

    it('cannot withdraw its credit twice', async () => {
      await execute(f.market, requestCall(60n))
      await f.increaseTime(61)
      const { jobCount } = await readPool(f.owner, { market: f.market, poolId })
      const jobId = jobIdOf(poolId, jobCount - 1n)
      await refundJob(f.owner, { market: f.market, jobId })
      const credit = await readCredits(f.owner, { market: f.market, account: token, token })
      assert.equal(credit, price)
      const withdrawCall = encodeFunctionData({
        abi: triadMarketAbi,
        functionName: 'withdraw',
        args: [token],
      })
      const held = await tokenBalance(token)
      const escrow = await tokenBalance(f.market)
      await arm(withdrawCall)
      const hash = await execute(f.market, withdrawCall)
      assert.equal(await hostile('lastCallSucceeded'), false)
      assert.equal(await hostile('lastReturnData'), reentrantCall)
      assert.equal(await tokenBalance(token), held + price, 'paid once')
      assert.equal(await tokenBalance(f.market), escrow - price)
      assert.equal(await readCredits(f.owner, { market: f.market, account: token, token }), 0n)
      assert.equal((await f.events(hash, 'Withdrawn')).length, 1)
      // Re-entering through another guarded door (a new job during the payout) fails the same way.
      await execute(f.market, requestCall(60n))
      await f.increaseTime(61)
      await refundJob(f.owner, { market: f.market, jobId: jobId + 1n })
      await arm(requestCall(600n))
      await execute(f.market, withdrawCall)
      assert.equal(await hostile('lastReturnData'), reentrantCall)
    })
  })
})
