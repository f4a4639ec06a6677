// One round's money, to the unit: the buyer's price is split into the sellers' share (pro rata
// to rows through the ledger), one equal share per committee seat and the market's fee (which
// takes the seats' rounding), and every account withdraws exactly what it was credited.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { claim } from '../../src/chain/claim.ts'
import { claimMarketFees } from '../../src/chain/claimMarketFees.ts'
import { claimNodeEarnings } from '../../src/chain/claimNodeEarnings.ts'
import { readContribution } from '../../src/chain/readContribution.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readNodeEarnings } from '../../src/chain/readNodeEarnings.ts'
import { withdraw } from '../../src/chain/withdraw.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { type Fixture, setupMarket } from './fixture.ts'

describe('TriadMarket payouts', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  it('splits a price exactly between sellers, seats and the market', async () => {
    const { market, token } = f
    const price = 10_000_007n // prime: every split rounds
    const poolId = await f.newPool({ price, sellerBps: 6500, nodeBps: 2500, marketBps: 1000 })
    const rows = [10n, 20n, 30n, 15n, 25n] // 100 rows
    const made = []
    for (const [i, r] of rows.entries()) made.push(await f.contributeAs(f.sellers[i]!, r, poolId))
    const escrow = await f.balanceOf(market)
    const job = await f.requestAs({ poolId })
    assert.equal(await f.balanceOf(market), escrow + price, 'the price sits in escrow')
    await f.deliver(job.jobId)

    const sellers = (price * 6500n) / 10_000n // 6_500_004
    const perSeat = (price * 2500n) / 10_000n / 3n // 833_333
    const fee = price - sellers - 3n * perSeat // 1_000_004: its 1000 bps plus the seats' rounding
    assert.equal(fee, 1_000_004n)
    const earnings = await readNodeEarnings(f.owner, {
      market,
      committeeId: f.committeeId,
      epoch: 0,
      token,
    })
    assert.equal(earnings.claimablePerSeat, perSeat)
    let paidToSellers = 0n
    for (const [i, contribution] of made.entries()) {
      const seller = f.sellers[i]!.account.address
      const key = { market, poolId, seller, commitment: contribution.commitment }
      const expected = (sellers * rows[i]!) / 100n
      const { claimable } = await readContribution(f.owner, key)
      assert.ok(expected - claimable <= 1n && claimable <= expected, `${claimable} vs ${expected}`)
      const { amount } = await claim(f.sellers[i]!, key)
      assert.equal(amount, claimable)
      assert.equal((await claim(f.sellers[i]!, key)).amount, 0n, 'no double claim')
      paidToSellers += amount
    }
    assert.ok(sellers - paidToSellers < 2n * BigInt(rows.length), 'dust below 2 units each')
    const nodes = await claimNodeEarnings(f.outsiderClient, {
      market,
      committeeId: f.committeeId,
      epoch: 0,
      token,
    })
    assert.equal(nodes.amountPerSeat, perSeat)
    const fees = await claimMarketFees(f.outsiderClient, { market, token })
    assert.equal(fees.amount, fee)

    // Everyone withdraws exactly the credit; what stays is the sellers' rounding dust.
    const accounts = [...f.sellers.slice(0, 5), ...f.nodeClients, f.treasury]
    for (const account of accounts) {
      const address = account.account.address
      const credit = await readCredits(f.owner, { market, account: address, token })
      const before = await f.balanceOf(address)
      const { amount, hash } = await withdraw(account, { market, token })
      assert.equal(amount, credit)
      assert.equal(await f.balanceOf(address), before + credit)
      const [event] = await f.events(hash, 'Withdrawn')
      assert.deepEqual(event?.args, { account: address, token, amount })
    }
    assert.equal(await f.balanceOf(market), escrow + (sellers - paidToSellers))
    await assert.rejects(withdraw(f.sellers[0]!, { market, token }), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
      assert.match(
        error.message,
        new RegExp(
          `TriadNothingToWithdraw\\(account: ${f.sellers[0]!.account.address}, token: ${token}\\)`,
        ),
      )
      assert.ok(error.hint)
      return true
    })
  })

  it('costs the same gas for the fifth seller as for the second', async () => {
    const poolId = await f.newPool()
    const gas = []
    for (const seller of f.sellers.slice(5, 10))
      gas.push((await f.contributeAs(seller, 10n, poolId)).gasUsed)
    // Calldata differs by a zero byte at most between sellers: a few gas.
    assert.ok(gas[4]! - gas[1]! < 100n && gas[1]! - gas[4]! < 100n, gas.join(', '))
  })
})
