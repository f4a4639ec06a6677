import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { findCatalogEntry } from '../src/algorithms/catalog.ts'
import { decodeResult } from '../src/algorithms/decodeResult.ts'
import { encodeParams } from '../src/algorithms/definition/readParams.ts'
import { algorithmLibrary } from '../src/algorithms/library.ts'
import type { SourceReader } from '../src/algorithms/sources/algorithmSourceFiles.ts'
import { diskSourceReader } from '../src/algorithms/sources/readSources.ts'
import {
  type SourceVerification,
  verifyAlgorithmSources,
} from '../src/algorithms/sources/verifyAlgorithmSources.ts'
import { assertResultsClose } from '../src/algorithms/testing/assertResultsClose.ts'
import { scaledTolerance } from '../src/algorithms/testing/scaledTolerance.ts'
import { twinResult } from '../src/algorithms/testing/twins.ts'
import { getJobRequest, requestJob } from '../src/chain/index.ts'
import { contributeRows } from '../src/client/contributeRows.ts'
import { openResult } from '../src/client/openResult.ts'
import { requestComputation } from '../src/client/requestComputation.ts'
import { waitForResult } from '../src/client/waitForResult.ts'
import { createValuePool } from '../src/devnet/createValuePool.ts'
import { isTriadError } from '../src/errors/index.ts'
import { authoriseJob } from '../src/node/authoriseJob.ts'
import type { NodeContext } from '../src/node/NodeContext.ts'
import { parsePoolSchema } from '../src/protocol/schema/index.ts'
import { tableFromRows } from '../src/table/index.ts'
import { marketOf, useDevnet, waitForBridge } from './support/devnetSuite.ts'
import { randomSurveyRows } from './support/surveyRows.ts'

const surveySchemaInput = JSON.parse(
  readFileSync(new URL('../examples/survey.schema.json', import.meta.url), 'utf8'),
)
const surveySchema = parsePoolSchema(surveySchemaInput)

/** One job of every algorithm of the library, on the example survey's columns. */
const jobs: readonly { name: string; params: Record<string, unknown> }[] = [
  { name: 'count', params: { where: { column: 'age', op: '>=', value: 40 }, groupBy: 'region' } },
  { name: 'sum', params: { column: 'income' } },
  { name: 'mean', params: { column: 'visits', groupBy: 'smoker' } },
  {
    name: 'variance',
    params: { column: 'income', where: { column: 'region', op: '!=', value: 'east' } },
  },
  { name: 'stddev', params: { column: 'age' } },
  { name: 'min', params: { column: 'income' } },
  { name: 'max', params: { column: 'visits', groupBy: 'region' } },
  { name: 'median', params: { column: 'age' } },
  { name: 'quantiles', params: { column: 'income', probabilities: [0.1, 0.5, 0.9] } },
  { name: 'fiveNumber', params: { column: 'visits' } },
  { name: 'histogram', params: { column: 'age', edges: [18, 30, 50, 70, 100] } },
  { name: 'frequency', params: { column: 'region' } },
  { name: 'covariance', params: { x: 'age', y: 'visits' } },
  { name: 'correlation', params: { x: 'age', y: 'income' } },
  { name: 'linearRegression', params: { target: 'visits', features: ['age', 'income', 'smoker'] } },
  { name: 'tTest', params: { column: 'visits', by: 'smoker', groups: ['true', 'false'] } },
  { name: 'chiSquare', params: { rows: 'region', columns: 'smoker' } },
  { name: 'mannWhitney', params: { column: 'age', by: 'region', groups: ['north', 'south'] } },
]

/**
 * Every algorithm of the library through the real market: sellers contribute rows to a pool of
 * the example survey schema through the real nodes, the buyer requests one job of each algorithm
 * on chain (all at once, the nodes run them side by side), opens each sealed result and decodes
 * it; each result must equal its plaintext twin on the same rows (1e-6 relative: the wide income
 * column is scaled before products; everything else is exact).
 */
describe('every algorithm through a market round', () => {
  const devnetOf = useDevnet({ name: 'algorithms', sellers: 3 })
  /** The survey pool of the first test, with its rows. */
  let surveyPool: bigint | undefined

  it('gives the buyer each algorithm’s result on the pooled rows', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    const poolId = await createValuePool(devnet, { schema: surveySchemaInput, minContributors: 3 })
    const contributions = [randomSurveyRows(40), randomSurveyRows(33), randomSurveyRows(27)]
    for (const [index, rows] of contributions.entries())
      await contributeRows(devnet.accounts.sellers[index]!, { market, poolId, data: { rows } })
    const table = tableFromRows(surveySchema, contributions.flat())
    surveyPool = poolId

    const { buyer } = devnet.accounts
    const fromBlock = await buyer.getBlockNumber()
    const requested = []
    for (const job of jobs) {
      const entry = findCatalogEntry(job.name)
      const request = await requestComputation(buyer, {
        market,
        poolId,
        algorithmId: entry.id,
        params: job.params,
      })
      requested.push({ ...job, entry, request })
    }
    await Promise.all(
      requested.map(async ({ name, params, entry, request }) => {
        const delivery = await waitForResult(buyer, {
          market: market.market,
          jobId: request.jobId,
          fromBlock,
        })
        const values = await openResult({
          market,
          jobId: request.jobId,
          sealedShares: delivery.sealedShares,
          privateKey: request.resultKey.privateKey,
        })
        const job = await getJobRequest(buyer, {
          market: market.market,
          jobId: request.jobId,
          fromBlock,
        })
        const result = decodeResult(entry, {
          params,
          schema: surveySchema,
          rows: Number(job.rowsSnapshot),
          values,
        })
        // 1e-6 relative: the income column is scaled before products (a correlation near 0 and a
        // coefficient near 0 are compared on their scale: scaledTolerance).
        const expected = twinResult(name, table, params)
        assertResultsClose(result, expected, scaledTolerance(expected, 1e-6))
      }),
    )
  })

  it('adds noise in a pool with differential privacy and refuses jobs beyond its budget', async () => {
    const devnet = devnetOf()
    const market = marketOf(devnet)
    // ε = 1 per job, budget 2: two jobs.
    const privateSchema = {
      ...surveySchemaInput,
      privacy: { minRows: 2, differentialPrivacy: { epsilonPerJob: '1', budget: '2' } },
    }
    const poolId = await createValuePool(devnet, { schema: privateSchema, minContributors: 3 })
    const contributions = [randomSurveyRows(25), randomSurveyRows(25), randomSurveyRows(25)]
    for (const [index, rows] of contributions.entries())
      await contributeRows(devnet.accounts.sellers[index]!, { market, poolId, data: { rows } })
    const schema = parsePoolSchema(privateSchema)
    const table = tableFromRows(schema, contributions.flat())
    const { buyer } = devnet.accounts
    const count = findCatalogEntry('count')
    const params = { groupBy: 'region' }

    // Order statistics have no noisy version: refused before anything is paid.
    await assert.rejects(
      requestComputation(buyer, {
        market,
        poolId,
        algorithmId: findCatalogEntry('median').id,
        params: { column: 'age' },
      }),
      (error) => isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID'),
    )

    const exact = twinResult('count', table, params) as {
      groups: Record<string, { count: number }>
    }
    for (let job = 0; job < 2; job++) {
      const fromBlock = await buyer.getBlockNumber()
      const request = await requestComputation(buyer, {
        market,
        poolId,
        algorithmId: count.id,
        params,
      })
      const delivery = await waitForResult(buyer, {
        market: market.market,
        jobId: request.jobId,
        fromBlock,
      })
      const values = await openResult({
        market,
        jobId: request.jobId,
        sealedShares: delivery.sealedShares,
        privateKey: request.resultKey.privateKey,
      })
      const result = decodeResult(count, { params, schema, rows: 75, values }) as {
        groups: Record<string, { count?: number; suppressed?: true }>
      }
      // Three draws of discrete Laplace noise of scale 1 per count: never 30 away in practice
      // (probability below 1e-10); a noisy count below minRows is suppressed.
      for (const [label, group] of Object.entries(result.groups)) {
        const truth = exact.groups[label]!.count
        if (group.suppressed) assert.ok(truth < 2 + 30, `${label} suppressed with ${truth} rows`)
        else
          assert.ok(Math.abs(group.count! - truth) <= 30, `${label}: ${group.count} for ${truth}`)
      }
    }

    // The budget is spent: the client refuses before paying…
    await assert.rejects(
      requestComputation(buyer, { market, poolId, algorithmId: count.id, params }),
      (error) => isTriadError(error, 'TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED'),
    )
    // …and a buyer who skips the client's check pays, and every node refuses the job.
    const { jobId } = await requestJob(buyer, {
      market: market.market,
      poolId,
      algorithmId: count.id,
      params: encodeParams(count.definition, params),
      buyerKey: `0x${'22'.repeat(32)}`,
      deadlineSeconds: 3600n,
    })
    const refused = await waitForBridge(devnet, jobId, (view) => view.status === 'refused')
    assert.equal(refused.status, 'refused')
    assert.match(refused.reason ?? '', /privacy budget is spent/)
  })
  it('a node whose copy of an algorithm is not the code its id names refuses the job', async () => {
    const devnet = devnetOf()
    assert.ok(surveyPool !== undefined, 'the first test made the survey pool')
    const { buyer } = devnet.accounts
    const mean = findCatalogEntry('mean')
    // Keep the job pending: with the bridge stopped, no node is handed it and none settles it.
    await devnet.stopBridge()
    try {
      const { jobId } = await requestJob(buyer, {
        market: devnet.deployment.market,
        poolId: surveyPool,
        algorithmId: mean.id,
        params: encodeParams(mean.definition, { column: 'age' }),
        buyerKey: `0x${'22'.repeat(32)}`,
        deadlineSeconds: 3600n,
      })
      // A node's own check of the job on chain, with the verification it made of its sources at
      // start: of the files on disk, and of a copy where the release step was changed.
      const disk = diskSourceReader()
      const tampered: SourceReader = {
        list: (directory) => disk.list(directory),
        read: (path) =>
          path === 'src/algorithms/secure/releaseToBuyer.ts'
            ? `${disk.read(path)}\n// changed\n`
            : disk.read(path),
      }
      // The node's chain index holds the request (its watcher read it from the same event).
      const request = await getJobRequest(buyer, {
        market: devnet.deployment.market,
        jobId,
        fromBlock: devnet.deployment.deployBlock,
      })
      const { hash: blockHash } = await buyer.getBlock({ blockNumber: request.blockNumber })
      const nodeContext = (algorithmSources: SourceVerification) =>
        ({
          market: marketOf(devnet),
          chain: buyer,
          config: {
            committeeId: devnet.committeeId,
            chain: { deployBlock: devnet.deployment.deployBlock, confirmations: 0 },
          },
          store: {
            index: {
              jobRequest: (id: bigint) => (id === jobId ? { ...request, blockHash } : undefined),
            },
          },
          watcher: { nextPoll: async () => false },
          algorithmSources,
        }) as unknown as NodeContext
      const entries = [...algorithmLibrary.values()]
      const authorised = await authoriseJob(nodeContext(verifyAlgorithmSources(entries)), jobId)
      assert.equal(authorised.algorithm.id, mean.id)
      await assert.rejects(
        authoriseJob(nodeContext(verifyAlgorithmSources(entries, tampered)), jobId),
        (error) =>
          isTriadError(error, 'TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH') &&
          /The code of mean on this node is not the code its id names/.test(error.message),
      )
    } finally {
      await devnet.restartBridge()
    }
  })
})
