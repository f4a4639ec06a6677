import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sumAlgorithm } from '../src/algorithms/index.ts'
import { readCommittee, readCredits, readJob } from '../src/chain/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { sealContribution } from '../src/client/sealContribution.ts'
import { submitContribution } from '../src/client/submitContribution.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { encodeSigned } from '../src/mpc/ring/index.ts'
import { shareReplicated } from '../src/mpc/sharing/index.ts'
import { marketOf, useDevnet, waitForBridge } from './support/devnetSuite.ts'

/**
 * A seller who deals inconsistent shares cannot make the buyer pay for a result that does not
 * open: the nodes find it before computing, all three refuse and sign their refusal, and the
 * bridge submits the signed refusal, which refunds the buyer at once (not at the deadline).
 */
describe('a seller who deals inconsistent shares', () => {
  const devnetOf = useDevnet({ name: 'bad-seller', sellers: 3 })

  it('is caught by the nodes, who refuse together; the buyer is refunded', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const poolId = await createValuePool(devnet, { minDeadline: 60n })
    const [honestA, honestB, cheat] = devnet.accounts.sellers as [
      (typeof devnet.accounts.sellers)[0],
      (typeof devnet.accounts.sellers)[0],
      (typeof devnet.accounts.sellers)[0],
    ]
    await contributeRows(honestA, { market, poolId, data: { rows: [{ value: 1 }, { value: 2 }] } })
    await contributeRows(honestB, { market, poolId, data: { rows: [{ value: 3 }] } })

    // The cheat deals node 0 a wrong copy of the component it shares with node 1.
    const shares = shareReplicated(encodeSigned([5n, 6n]))
    shares[0].second[1] = shares[0].second[1]! + 1n
    const committee = await readCommittee(cheat, {
      market: market.market,
      committeeId: devnet.committeeId,
    })
    const prepared = await sealContribution(cheat, {
      market,
      poolId,
      nodes: committee,
      rows: 2,
      shares,
    })
    const { contributionId } = await submitContribution(cheat, { market, prepared })

    const { buyer } = devnet.accounts
    const { jobId, price } = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: sumAlgorithm.id,
      params: { column: 'value' },
      deadlineSeconds: 60n,
    })
    const refunded = await waitForBridge(devnet, jobId, (view) => view.status === 'refunded')
    assert.equal(refunded.status, 'refunded')
    assert.match(refunded.reason ?? '', /^the committee refused the job \(attempt 0\)/)
    assert.match(refunded.reason ?? '', /inconsistent shares/)
    assert.match(
      refunded.reason ?? '',
      new RegExp(`contribution ${contributionId} of ${cheat.account.address}`),
    )
    // Refused on chain by the committee's signatures, long before the 60 s deadline.
    assert.equal((await readJob(buyer, { market: market.market, jobId })).state, 'refused')
    assert.equal(
      await readCredits(buyer, {
        market: market.market,
        account: buyer.account.address,
        token: devnet.deployment.token,
      }),
      price,
    )
  })
})
