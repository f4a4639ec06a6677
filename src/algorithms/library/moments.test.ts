import { after, describe, it } from 'node:test'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import type { Table } from '../../table/index.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable, tableOf } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { scaledTolerance } from '../testing/scaledTolerance.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/**
 * Tolerance: exact (1e-9 relative) when no column needs scaling; when a wide column is divided by
 * 2^s before squaring (income, 16 fractional bits, bounds 0..250000), each value moves by less
 * than 2^s/2^16 and the second moments by at most that times the spread: 1e-5 relative.
 */
async function compare(
  networks: Parameters<typeof runOnShares>[0],
  name: string,
  table: Table,
  params: Record<string, unknown>,
  relative = 1e-9,
) {
  const { result } = await runOnShares(networks, findAlgorithm(name), table, params, { sellers: 3 })
  // A correlation near 0 has no meaningful relative error: scaledTolerance adds 1e-7 absolute.
  const expected = twinResult(name, table, params)
  assertResultsClose(
    result,
    expected,
    relative > 1e-9 ? scaledTolerance(expected, relative) : () => ({ absolute: 1e-9, relative }),
  )
}

describe('variance, stddev, covariance and correlation against their twins', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const table = randomTable(schema, 400)
  const concentrated = randomTable(schema, 200, { spread: [0.49, 0.51], extremes: 0 })

  for (const name of ['variance', 'stddev']) {
    for (const params of [
      { column: 'age' },
      { column: 'visits', groupBy: 'plan' },
      { column: 'score', where: { column: 'smoker', op: '=', value: false } },
      { column: 'smoker', groupBy: 'region' },
    ])
      it(`${name} ${JSON.stringify(params)} (exact)`, async () => {
        await compare(networks, name, table, params)
      })
    it(`${name} of a wide fixed-point column, scaled before squaring`, async () => {
      await compare(networks, name, table, { column: 'income', groupBy: 'region' }, 1e-5)
      await compare(networks, name, concentrated, { column: 'income' }, 1e-3)
    })
  }

  for (const name of ['covariance', 'correlation']) {
    it(`${name} of small columns, exact, with filter and groups`, async () => {
      await compare(networks, name, table, { x: 'age', y: 'visits' })
      await compare(networks, name, table, {
        x: 'score',
        y: 'age',
        where: { column: 'visits', op: '<=', value: 200 },
        groupBy: 'smoker',
      })
    })
    it(`${name} with a wide column`, async () => {
      await compare(networks, name, table, { x: 'income', y: 'age', groupBy: 'plan' }, 1e-5)
    })
  }

  it('gives null below two rows and for a constant column, and handles all missing', async () => {
    const one = randomTable(schema, 1)
    for (const name of ['variance', 'stddev']) await compare(networks, name, one, { column: 'age' })
    await compare(networks, 'correlation', one, { x: 'age', y: 'score' })
    const constant = tableOf(schema, {
      age: [40n, 40n, 40n],
      score: [1n, 2n, 3n],
      region: [0n, 1n, 2n],
      income: [null, null, null],
    })
    await compare(networks, 'correlation', constant, { x: 'age', y: 'score' })
    await compare(networks, 'covariance', constant, { x: 'age', y: 'score' })
    await compare(networks, 'variance', constant, { column: 'income' })
  })
})
