import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { encodeParams, sumAlgorithm } from '../src/algorithms/index.ts'
import { readJob, requestJob } from '../src/chain/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { openResult } from '../src/client/openResult.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { isTriadError } from '../src/errors/index.ts'
import { formatScaled } from '../src/protocol/schema/index.ts'
import { readTableFile } from '../src/table/readTableFile.ts'
import { marketOf, useDevnet, waitForBridge } from './support/devnetSuite.ts'

const examples = fileURLToPath(new URL('../examples/', import.meta.url))

/**
 * Sellers contribute a multi-column table with missing values (the example survey: integer,
 * nullable fixed point, nullable boolean, categorical) from CSV and JSON files through the real
 * nodes; buyers sum single columns by name and get exactly the plaintext sums.
 */
describe('typed tables through the real market', () => {
  const devnetOf = useDevnet({ name: 'table', sellers: 3 })

  it('takes CSV and JSON files with missing values, and sums a column by name', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const schema = JSON.parse(readFileSync(join(examples, 'survey.schema.json'), 'utf8'))
    const poolId = await createValuePool(devnet, { schema, minContributors: 3 })
    const [first, second, third] = devnet.accounts.sellers as [
      (typeof devnet.accounts.sellers)[0],
      (typeof devnet.accounts.sellers)[0],
      (typeof devnet.accounts.sellers)[0],
    ]

    // A file with a mistake is refused before anything is uploaded, naming file, line and rule.
    const broken = join(devnet.stateDir, 'broken.csv')
    writeFileSync(broken, 'region,age,income,smoker,visits\nnorth,34,abc,,2\npurple,17,1,yes,1\n')
    await assert.rejects(
      contributeRows(first, { market, poolId, data: await readTableFile(broken) }),
      (error: unknown) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_DATA_INVALID'), String(error))
        assert.equal(
          error.details,
          [
            `${broken}, line 2, income: 'abc' is not a decimal number`,
            `${broken}, line 3, age: value 17 is below min 18`,
            `${broken}, line 3, smoker: 'yes' is not a boolean (true, false, 1 or 0)`,
            `${broken}, line 3, region: 'purple' is not one of north, south, east, west`,
          ].join('\n'),
        )
        return true
      },
    )

    const csv = await contributeRows(first, {
      market,
      poolId,
      data: await readTableFile(join(examples, 'survey.csv')),
    })
    const json = await contributeRows(second, {
      market,
      poolId,
      data: await readTableFile(join(examples, 'survey.json')),
    })
    // Columns in another order, a missing smoker answer, an income that is not a binary fraction.
    const inline = await contributeRows(third, {
      market,
      poolId,
      data: {
        csv: 'visits,region,smoker,income,age\n3,east,,0.1,30\n0,west,true,,99\n',
        source: 'inline.csv',
      },
    })
    assert.deepEqual([csv.rows, json.rows, inline.rows], [8n, 8n, 2n])

    const { buyer } = devnet.accounts
    const sumOf = async (column: string) => {
      const fromBlock = await buyer.getBlockNumber()
      const request = await requestComputation(buyer, {
        market,
        poolId,
        algorithmId: sumAlgorithm.id,
        params: { column },
      })
      const delivery = await waitForResult(buyer, {
        market: market.market,
        jobId: request.jobId,
        fromBlock,
      })
      const [sum] = await openResult({
        market,
        jobId: request.jobId,
        sealedShares: delivery.sealedShares,
        privateKey: request.resultKey.privateKey,
      })
      return sum!
    }

    // Incomes present in each survey file: 52000.50 + 18250.25 + 73000 + 31000 + 96500.75 +
    // 44000 = 314751.50, exact at 16 fractional bits; twice (CSV and JSON), plus 0.1, which
    // rounds to 6554 / 65536. Missing incomes add nothing.
    const income = await sumOf('income')
    assert.equal(income, (2n * 314_751_50n * 65_536n) / 100n + 6_554n)
    assert.equal(formatScaled(income, 16), '629503.100006103515625')
    // Ages: 349 per survey file, plus 30 and 99.
    assert.equal(await sumOf('age'), 2n * 349n + 129n)
    // Smokers: 3 per survey file (true, true, 1), plus one; missing answers are not true.
    assert.equal(await sumOf('smoker'), 7n)
  })

  it('refuses a sum over a categorical column, at the buyer before paying and at the nodes', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const { buyer } = devnet.accounts
    const schema = JSON.parse(readFileSync(join(examples, 'survey.schema.json'), 'utf8'))
    const poolId = await createValuePool(devnet, { schema, minContributors: 1 })
    await contributeRows(devnet.accounts.sellers[0]!, {
      market,
      poolId,
      data: await readTableFile(join(examples, 'survey.json')),
    })

    await assert.rejects(
      requestComputation(buyer, {
        market,
        poolId,
        algorithmId: sumAlgorithm.id,
        params: { column: 'region' },
      }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
        /column "region" is categorical/.test(error.message),
    )

    // A buyer who skips the client's check pays, and the committee refuses the job.
    const { jobId } = await requestJob(buyer, {
      market: market.market,
      poolId,
      algorithmId: sumAlgorithm.id,
      params: encodeParams(sumAlgorithm.definition, { column: 'region' }),
      buyerKey: `0x${'11'.repeat(32)}`,
      deadlineSeconds: 3600n,
    })
    const refused = await waitForBridge(devnet, jobId, (view) => view.status === 'refused')
    assert.equal(refused.status, 'refused')
    assert.match(refused.reason ?? '', /column "region" is categorical, which sum does not take/)
    assert.equal((await readJob(buyer, { market: market.market, jobId })).state, 'pending')
  })
})
