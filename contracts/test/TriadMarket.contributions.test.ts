// Contributions: a seller registers rows with every node's receipt, once per commitment; a
// contribution is one storage slot named by (pool, seller, commitment); minContributors counts
// distinct sellers; revoking removes the rows from later jobs only; claims credit the seller
// whoever calls, and a late joiner earns nothing from jobs requested before it joined.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeFunctionData, keccak256, toHex } from 'viem'
import { claim } from '../../src/chain/claim.ts'
import { contribute } from '../../src/chain/contribute.ts'
import { decodeTriadError } from '../../src/chain/decodeTriadError.ts'
import { notRevoked, readContribution } from '../../src/chain/readContribution.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readPool } from '../../src/chain/readPool.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { type Fixture, price, setupMarket } from './fixture.ts'
import { batchCallerAbi, batchCallerBytecode } from './generated/index.ts'

const sellerAmount = (price * 7000n) / 10_000n

describe('TriadMarket contributions', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  it('registers rows with receipts, emits the index and stores one record', async () => {
    const poolId = await f.newPool()
    const seller = f.sellers[0]!
    const first = await f.contributeAs(seller, 10n, poolId)
    const second = await f.contributeAs(f.sellers[1]!, 20n, poolId)
    assert.equal(first.index, 0n)
    assert.equal(second.index, 1n)
    const [event] = await f.events(first.hash, 'Contributed')
    assert.deepEqual(event?.args, {
      poolId,
      seller: seller.account.address,
      commitment: first.commitment,
      index: 0n,
      rows: 10n,
      joinedAt: 0n,
    })
    const stored = await readContribution(f.owner, {
      market: f.market,
      poolId,
      seller: seller.account.address,
      commitment: first.commitment,
    })
    assert.deepEqual(stored, {
      poolId,
      seller: seller.account.address,
      commitment: first.commitment,
      index: 0n,
      rows: 10n,
      joinedAt: 0n,
      revokedAt: notRevoked,
      claimedUpTo: 0n,
      claimable: 0n,
    })
    const pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeRows, 30n)
    assert.equal(pool.activeSellers, 2)
    assert.equal(pool.contributionCount, 2n)
    await assert.rejects(
      readContribution(f.owner, {
        market: f.market,
        poolId,
        seller: f.sellers[1]!.account.address,
        commitment: first.commitment,
      }),
      (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRIBUTION_UNKNOWN'))
        assert.match(error.message, /TriadContributionUnknown\(poolId: /)
        return true
      },
    )
  })

  it('refuses zero or too many rows, missing or foreign receipts, unknown pools', async () => {
    const seller = f.sellers[2]!
    const commitment = keccak256(toHex('refused rows'))
    const attempt = async (rows: bigint, receipts?: `0x${string}`[], poolId = f.poolId) =>
      contribute(seller, {
        market: f.market,
        poolId,
        rows,
        commitment,
        receipts: receipts ?? (await f.signReceipts(seller, poolId, rows, commitment)),
      })
    await assert.rejects(attempt(0n), /TriadRowsInvalid\(rows: 0\)/)
    await assert.rejects(attempt(2n ** 32n), /TriadRowsInvalid\(rows: 4294967296\)/)
    await assert.rejects(attempt(5n, [], 999n), /TriadPoolUnknown\(poolId: 999\)/)
    const receipts = await f.signReceipts(seller, f.poolId, 5n, commitment)
    await assert.rejects(attempt(5n, receipts.slice(0, 2)), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_SIGNATURE_INVALID'))
      assert.match(error.message, /TriadSignatureCountMismatch\(given: 2, expected: 3\)/)
      return true
    })
    // Receipts for other rows, another seller, an outsider's key, or in the wrong order.
    await assert.rejects(attempt(6n, receipts), /TriadSignatureInvalid\(index: 0/)
    const forOther = await f.signReceipts(f.sellers[3]!, f.poolId, 5n, commitment)
    await assert.rejects(attempt(5n, forOther), /TriadSignatureInvalid\(index: 0/)
    const withOutsider = await f.signReceipts(seller, f.poolId, 5n, commitment, [
      f.nodes[0]!,
      f.nodes[1]!,
      f.outsider,
    ])
    await assert.rejects(
      attempt(5n, withOutsider),
      new RegExp(
        `TriadSignatureInvalid\\(index: 2, expected: ${f.nodes[2]!.address}, recovered: ${f.outsider.address}\\)`,
      ),
    )
    await assert.rejects(
      attempt(5n, [receipts[1]!, receipts[0]!, receipts[2]!]),
      /TriadSignatureInvalid\(index: 0/,
    )
    await attempt(5n, receipts)
  })

  it('registers a commitment once, even after a revoke', async () => {
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
    await contribute(seller, params)
    assert.equal(await isUsed(), true)
    const replayed = (error: unknown) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_COMMITMENT_USED'))
      assert.match(
        error.message,
        new RegExp(
          `TriadCommitmentUsed\\(poolId: ${poolId}, seller: ${seller.account.address}, commitment: ${commitment}\\)`,
        ),
      )
      return true
    }
    await assert.rejects(contribute(seller, params), replayed)
    assert.equal((await readPool(f.owner, { market: f.market, poolId })).activeRows, 10n)
    const revoked = await revokeContribution(seller, { market: f.market, poolId, commitment })
    await assert.rejects(contribute(seller, params), replayed)
    assert.equal(revoked.revokedAt, 0n)
  })

  it('counts a seller with several contributions once towards minContributors', async () => {
    const poolId = await f.newPool({ minContributors: 2 })
    const seller = f.sellers[5]!
    const active = () =>
      f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: 'activeContributionsOf',
        args: [poolId, seller.account.address],
      })
    const made = []
    for (const rows of [10n, 20n, 30n]) made.push(await f.contributeAs(seller, rows, poolId))
    assert.equal(await active(), 3n)
    let pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeSellers, 1)
    assert.equal(pool.activeRows, 60n)
    await assert.rejects(f.requestAs({ poolId }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_TOO_FEW_CONTRIBUTORS'))
      assert.match(
        error.message,
        new RegExp(`TriadTooFewContributors\\(poolId: ${poolId}, active: 1, required: 2\\)`),
      )
      return true
    })
    await f.contributeAs(f.sellers[6]!, 5n, poolId)
    const job = await f.requestAs({ poolId })
    assert.equal(job.contributorsSnapshot, 2)
    assert.equal(job.rowsSnapshot, 65n)
    // Revoking two of three keeps the seller counted; revoking the third removes it.
    for (const contribution of made.slice(0, 2)) {
      await revokeContribution(seller, {
        market: f.market,
        poolId,
        commitment: contribution.commitment,
      })
    }
    pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeSellers, 2)
    assert.equal(pool.activeRows, 35n)
    const last = await revokeContribution(seller, {
      market: f.market,
      poolId,
      commitment: made[2]!.commitment,
    })
    const [event] = await f.events(last.hash, 'ContributionRevoked')
    assert.deepEqual(event?.args, {
      poolId,
      seller: seller.account.address,
      commitment: made[2]!.commitment,
      index: 2n,
      revokedAt: 1n,
    })
    pool = await readPool(f.owner, { market: f.market, poolId })
    assert.equal(pool.activeSellers, 1)
    assert.equal(pool.activeRows, 5n)
    assert.equal(await active(), 0n)
  })

  it('refuses to revoke an unknown or already revoked contribution', async () => {
    const seller = f.sellers[7]!
    const { commitment } = await f.contributeAs(seller, 4n)
    await assert.rejects(
      revokeContribution(f.sellers[8]!, { market: f.market, poolId: f.poolId, commitment }),
      new RegExp(
        `TriadContributionUnknown\\(poolId: ${f.poolId}, seller: ${f.sellers[8]!.account.address}`,
      ),
    )
    const { revokedAt } = await revokeContribution(seller, {
      market: f.market,
      poolId: f.poolId,
      commitment,
    })
    await assert.rejects(
      revokeContribution(seller, { market: f.market, poolId: f.poolId, commitment }),
      new RegExp(`TriadContributionRevoked\\(poolId: ${f.poolId}, .*revokedAt: ${revokedAt}\\)`),
    )
  })

  it('pays a late joiner nothing from a job requested before it joined', async () => {
    const poolId = await f.newPool({ minContributors: 1 })
    const early = await f.contributeAs(f.sellers[0]!, 10n, poolId)
    const leaving = await f.contributeAs(f.sellers[1]!, 30n, poolId)
    const job = await f.requestAs({ poolId })
    const late = await f.contributeAs(f.sellers[2]!, 60n, poolId)
    assert.equal(late.joinedAt, 1n)
    // Revoking after the request still pays for it.
    await revokeContribution(f.sellers[1]!, {
      market: f.market,
      poolId,
      commitment: leaving.commitment,
    })
    await f.deliver(job.jobId)
    const claimable = (seller: number, commitment: `0x${string}`) =>
      f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: 'claimable',
        args: [poolId, f.sellers[seller]!.account.address, commitment],
      })
    assert.equal(await claimable(2, late.commitment), 0n, 'the late joiner earns nothing')
    assert.equal(await claimable(0, early.commitment), sellerAmount / 4n)
    assert.equal(await claimable(1, leaving.commitment), (sellerAmount * 3n) / 4n)
    // The late joiner's claim credits nothing and changes nothing.
    const none = await claim(f.sellers[2]!, {
      market: f.market,
      poolId,
      seller: f.sellers[2]!.account.address,
      commitment: late.commitment,
    })
    assert.equal(none.amount, 0n)
    assert.equal((await f.events(none.hash, 'Claimed')).length, 0)
    // The next job uses the late joiner and not the revoked seller.
    const next = await f.requestAs({ poolId })
    assert.equal(next.rowsSnapshot, 70n)
    await f.deliver(next.jobId)
    assert.equal(await claimable(2, late.commitment), (sellerAmount * 60n) / 70n)
    assert.equal(await claimable(1, leaving.commitment), (sellerAmount * 3n) / 4n)
  })

  it('credits the seller whoever claims, exactly, however often', async () => {
    const poolId = await f.newPool({ price: 1_000_003n, minContributors: 1 })
    const [a, b] = [f.sellers[9]!, f.sellers[10]!]
    const ca = await f.contributeAs(a, 7n, poolId)
    const cb = await f.contributeAs(b, 11n, poolId)
    await f.contributeAs(f.sellers[11]!, 13n, poolId)
    const claimA = () =>
      claim(f.outsiderClient, {
        market: f.market,
        poolId,
        seller: a.account.address,
        commitment: ca.commitment,
      })
    let eager = 0n
    for (let k = 0; k < 4; k++) {
      const job = await f.requestAs({ poolId })
      await f.deliver(job.jobId)
      const { amount, hash } = await claimA()
      eager += amount
      const [event] = await f.events(hash, 'Claimed')
      assert.deepEqual(event?.args, {
        poolId,
        seller: a.account.address,
        commitment: ca.commitment,
        token: f.token,
        amount,
        upTo: BigInt(k + 1),
      })
    }
    const lazy = (
      await claim(b, {
        market: f.market,
        poolId,
        seller: b.account.address,
        commitment: cb.commitment,
      })
    ).amount
    const perJob = (1_000_003n * 7000n) / 10_000n
    const exact = (rows: bigint) => (4n * perJob * rows) / 31n
    assert.ok(exact(7n) - eager <= 2n && eager <= exact(7n), `eager ${eager} vs ${exact(7n)}`)
    assert.ok(exact(11n) - lazy <= 2n && lazy <= exact(11n), `lazy ${lazy} vs ${exact(11n)}`)
    assert.equal(
      await readCredits(f.owner, { market: f.market, account: a.account.address, token: f.token }),
      eager,
      'the credit went to the seller, not the caller',
    )
    assert.equal(
      await readCredits(f.owner, { market: f.market, account: f.outsider.address, token: f.token }),
      0n,
    )
    await assert.rejects(
      claim(a, { market: f.market, poolId, seller: a.account.address, commitment: cb.commitment }),
      /TriadContributionUnknown/,
    )
  })

  it('refuses rows beyond what a pool can hold', async () => {
    // 2^40 - 1 active rows at most: 256 contributions of 2^32 - 1 rows fit, the 257th does not.
    // One account (a batch caller) registers them in two transactions, with real receipts.
    const poolId = await f.newPool({ minContributors: 1 })
    const deploy = await f.owner.deployContract({
      abi: batchCallerAbi,
      bytecode: batchCallerBytecode,
    })
    const batch = (await f.owner.waitForTransactionReceipt({ hash: deploy })).contractAddress!
    const rows = 2n ** 32n - 1n
    const calls = await Promise.all(
      Array.from({ length: 257 }, async (_, i) => {
        const commitment = keccak256(toHex(`full pool ${i}`))
        const receipts = await f.signReceipts(batch, poolId, rows, commitment)
        return encodeFunctionData({
          abi: triadMarketAbi,
          functionName: 'contribute',
          args: [poolId, rows, commitment, receipts],
        })
      }),
    )
    for (const chunk of [calls.slice(0, 128), calls.slice(128, 256)]) {
      const hash = await f.owner.writeContract({
        address: batch,
        abi: batchCallerAbi,
        functionName: 'run',
        args: [f.market, chunk],
      })
      assert.equal((await f.owner.waitForTransactionReceipt({ hash })).status, 'success')
    }
    assert.equal((await readPool(f.owner, { market: f.market, poolId })).activeRows, 256n * rows)
    await assert.rejects(
      f.owner.simulateContract({
        address: batch,
        abi: batchCallerAbi,
        functionName: 'run',
        args: [f.market, calls.slice(256)],
      }),
      (error) => {
        assert.match(
          decodeTriadError(error).message,
          new RegExp(
            `TriadPoolFull\\(poolId: ${poolId}, activeRows: ${256n * rows}, rows: ${rows}\\)`,
          ),
        )
        return true
      },
    )
  })
})
