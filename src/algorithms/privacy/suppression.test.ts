import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import { decodeBlocks } from '../catalog.ts'
import { checkParams, parseParams } from '../definition/readParams.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/** Counts of a table: an empty cell reveals 0 with the guard passed; other cells are guarded. */
const tableCounts = new Set(['count', 'frequency', 'histogram', 'chiSquare'])

const jobs = [
  ['count', { groupBy: 'region' }],
  ['sum', { column: 'income' }],
  ['mean', { column: 'visits', groupBy: 'plan' }],
  ['variance', { column: 'score' }],
  ['stddev', { column: 'income', groupBy: 'smoker' }],
  ['min', { column: 'visits' }],
  ['max', { column: 'score', groupBy: 'region' }],
  ['median', { column: 'income' }],
  ['quantiles', { column: 'age', probabilities: [0.1, 0.9] }],
  ['fiveNumber', { column: 'visits' }],
  ['histogram', { column: 'age', edges: [18, 40, 60, 100] }],
  ['frequency', { column: 'plan' }],
  ['covariance', { x: 'age', y: 'visits' }],
  ['correlation', { x: 'age', y: 'score' }],
  ['linearRegression', { target: 'income', features: ['age', 'visits'] }],
  ['tTest', { column: 'score', by: 'smoker', groups: ['true', 'false'] }],
  ['chiSquare', { rows: 'region', columns: 'plan' }],
  ['mannWhitney', { column: 'visits', by: 'region', groups: ['north', 'south'] }],
] as const

/**
 * What a suppressed block gives the buyer, from the ring elements the buyer opens (not only the
 * decoded result): zeros and a 0 guard bit, whatever the rows behind it, so a cell below minRows
 * does not reveal its count, sum or anything else. Six rows against minRows 7: every block of
 * every algorithm is below the guard.
 */
describe('the minimum-rows guard reveals nothing of a suppressed block', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema({ minRows: 7 })
  const table = randomTable(schema, 6)

  for (const [name, params] of jobs)
    it(`${name} ${JSON.stringify(params)}`, async () => {
      const algorithm = findAlgorithm(name)
      const { result, values } = await runOnShares(networks, algorithm, table, params)
      const { definition } = algorithm
      const context = checkParams(definition, parseParams(definition, params), schema, 6)
      const blocks = decodeBlocks(values, definition.layout(context))
      assert.ok(blocks.length > 0)
      for (const [index, block] of blocks.entries()) {
        assert.ok(
          block.values.every((value) => value === 0n),
          `block ${index} reveals ${block.values}`,
        )
        if (!tableCounts.has(name)) assert.equal(block.ok, false, `block ${index} passed`)
      }
      if (!tableCounts.has(name)) assert.match(JSON.stringify(result), /"suppressed":true/)
      assertResultsClose(result, twinResult(name, table, params), () => ({
        absolute: 1e-12,
        relative: 1e-12,
      }))
    })
})
