import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { erc20Abi } from 'viem'
import { sumAlgorithm } from '../src/algorithms/index.ts'
import { readCredits, readJob, withdraw } from '../src/chain/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { isTriadError } from '../src/errors/index.ts'
import { marketOf, useDevnet, waitForBridge } from './support/devnetSuite.ts'

/**
 * A committee that cannot deliver (one node down) never leaves the buyer hanging: past the
 * deadline the bridge refunds the job, the buyer's client says why, and the price comes back.
 */
describe('an undeliverable job is refunded after its deadline', () => {
  const devnetOf = useDevnet({ name: 'expired', sellers: 3 })

  it('refunds the buyer in full and the client reports the expired job', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const poolId = await createValuePool(devnet, { minDeadline: 60n })
    for (const seller of devnet.accounts.sellers) {
      await contributeRows(seller, { market, poolId, data: { rows: [{ value: 1 }, { value: 2 }] } })
    }
    await devnet.nodes[2]!.stop()

    const { buyer } = devnet.accounts
    const balance = () =>
      buyer.readContract({
        address: devnet.deployment.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [buyer.account.address],
      })
    const before = await balance()
    const fromBlock = await buyer.getBlockNumber()
    const { jobId, price } = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: sumAlgorithm.id,
      params: { column: 'value' },
      deadlineSeconds: 60n,
    })
    assert.equal(await balance(), before - price)

    await buyer.request({ method: 'evm_increaseTime' as never, params: [120] as never })
    await buyer.request({ method: 'evm_mine' as never })

    await assert.rejects(
      waitForResult(buyer, { market: market.market, jobId, fromBlock }),
      (error) => isTriadError(error, 'TRIAD_ERR_JOB_EXPIRED'),
    )
    const status = await waitForBridge(devnet, jobId, (view) => view.status === 'refunded')
    assert.equal(status.status, 'refunded')
    assert.match(status.reason ?? '', /deadline passed/)
    assert.equal((await readJob(buyer, { market: market.market, jobId })).state, 'refunded')
    assert.equal(
      await readCredits(buyer, {
        market: market.market,
        account: buyer.account.address,
        token: devnet.deployment.token,
      }),
      price,
    )
    await withdraw(buyer, { market: market.market, token: devnet.deployment.token })
    assert.equal(await balance(), before)
  })
})
