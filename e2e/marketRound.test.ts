import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type DataRoundReport, runDataRound } from '../src/demo/runDataRound.ts'
import { devPrice as demoPrice, devSplit as demoSplit } from '../src/devnet/createValuePool.ts'
import { type Devnet, startDevnet } from '../src/devnet/startDevnet.ts'

/**
 * One market round through the real parts: anvil, the deployed contracts, three node processes
 * linked by pinned mutual TLS, a bridge process, SQLite files, and the client SDK.
 */
describe('a market round end to end', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-e2e-'))
  const values = [
    [5n, 17n, 1_000_000n],
    [0n, 0n, 42n, 7n],
    [999_999n],
    [123n, 456n, 789n, 1_011n, 1_213n],
    [31n, 41n, 59n, 26n, 53n, 58n, 97n],
  ]
  let devnet: Devnet
  let report: DataRoundReport

  before(async () => {
    devnet = await startDevnet({ stateDir, sellers: values.length })
    report = await runDataRound(devnet, {
      schema: { version: 2, columns: [{ name: 'value', type: 'integer', min: 0, max: 1_000_000 }] },
      source: 'the test values',
      sellerRows: values.map((sellerValues) =>
        sellerValues.map((value) => ({ value: value.toString() })),
      ),
      questions: [
        {
          title: 'the sum',
          algorithm: 'sum',
          params: { column: 'value' },
          answer: (result) => [`sum ${result.value.sum}`],
        },
      ],
    })
  })

  after(async () => {
    await devnet?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })

  it('gives the buyer the sum of every seller’s values', () => {
    const plaintext = values.flat().reduce((total, value) => total + value, 0n)
    const [question] = report.questions
    assert.deepEqual(question!.plaintext, { sum: Number(plaintext) })
    assert.deepEqual(question!.result.value, { sum: Number(plaintext) })
    assert.equal(question!.agrees, true)
    assert.equal(question!.largestDifference, 0)
  })

  it('moves every balance exactly: buyer pays the price, sellers pro rata to rows, nodes and market their shares', () => {
    const change = (party: string) => {
      const line = report.balances.find((candidate) => candidate.party === party)
      assert.ok(line, `no balance line for ${party}`)
      return line.after - line.before
    }
    const bps = 10_000n
    const sellerAmount = (demoPrice * BigInt(demoSplit.sellerBps)) / bps
    const nodeAmount = (demoPrice * BigInt(demoSplit.nodeBps)) / bps
    const marketAmount = demoPrice - sellerAmount - nodeAmount
    const rows = BigInt(values.flat().length)
    const scale = 10n ** 27n
    const ratePerRow = (sellerAmount * scale) / rows

    assert.equal(change('buyer'), -demoPrice)
    let paidToSellers = 0n
    values.forEach((sellerValues, index) => {
      const expected = (BigInt(sellerValues.length) * ratePerRow) / scale
      assert.equal(change(`seller ${index + 1}`), expected, `seller ${index + 1}`)
      paidToSellers += expected
    })
    const perNode = nodeAmount / 3n
    for (const node of [0, 1, 2]) assert.equal(change(`node ${node}`), perNode, `node ${node}`)
    assert.equal(change('market'), marketAmount + (nodeAmount - perNode * 3n))
    // What stays in the contract: the nodes' unwithdrawn credits and the sellers' rounding dust.
    const dust = sellerAmount - paidToSellers
    assert.ok(dust >= 0n && dust < BigInt(values.length) * 2n, `dust ${dust}`)
    assert.equal(report.marketHoldingsAfter, perNode * 3n + dust)
  })

  it('shows the job as settled at the bridge, with the transaction that settled it', async () => {
    const response = await fetch(`${devnet.bridgeUrl}/v1/jobs/${report.questions[0]!.jobId}`)
    const status = (await response.json()) as { status: string; txHash: string | null }
    assert.equal(status.status, 'settled')
    assert.match(status.txHash ?? '', /^0x[0-9a-f]{64}$/)
  })
})
