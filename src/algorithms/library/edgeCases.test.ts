import { after, describe, it } from 'node:test'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import type { Table } from '../../table/index.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { scaledTolerance } from '../testing/scaledTolerance.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/**
 * One job of every algorithm on nullable columns (income, visits, smoker, plan), so that "all
 * missing" leaves nothing to compute on.
 */
const jobs: readonly [string, Record<string, unknown>][] = [
  ['count', { column: 'visits' }],
  ['sum', { column: 'income' }],
  ['mean', { column: 'visits' }],
  ['variance', { column: 'income' }],
  ['stddev', { column: 'visits' }],
  ['min', { column: 'income' }],
  ['max', { column: 'visits' }],
  ['median', { column: 'income' }],
  ['quantiles', { column: 'visits', probabilities: [0, 0.3, 1] }],
  ['fiveNumber', { column: 'income' }],
  ['histogram', { column: 'visits', edges: [0, 100, 200, 365] }],
  ['frequency', { column: 'plan' }],
  ['covariance', { x: 'income', y: 'visits' }],
  ['correlation', { x: 'visits', y: 'income' }],
  ['linearRegression', { target: 'income', features: ['visits', 'smoker'] }],
  ['tTest', { column: 'visits', by: 'smoker', groups: ['true', 'false'] }],
  ['chiSquare', { rows: 'plan', columns: 'smoker' }],
  ['mannWhitney', { column: 'income', by: 'plan', groups: ['basic', 'premium'] }],
]

/**
 * Every algorithm against its twin on the edge cases of the issue: one row (and, with groupBy,
 * the empty groups that leaves), every value missing, every value at a bound of its column, and a
 * filter no row passes. Same tolerance as the other library tests (1e-6 relative: the wide income
 * column is scaled before products; everything else is exact; a correlation near 0 has no
 * meaningful relative error, nor a coefficient near 0: `scaledTolerance`).
 */
describe('every algorithm on the edge cases, against its twin', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const tables: [string, Table][] = [
    ['one row', randomTable(schema, 1, { missing: 0 })],
    ['every value missing', randomTable(schema, 30, { missing: 1 })],
    ['every value at a bound', randomTable(schema, 40, { missing: 0, extremes: 0.5 })],
  ]
  const nothingPasses = { column: 'age', op: '>', value: 100 }
  const fewRows = randomTable(schema, 30)

  for (const [name, params] of jobs)
    it(name, async () => {
      const algorithm = findAlgorithm(name)
      const cases: [string, Table, Record<string, unknown>][] = tables.map(([label, table]) => [
        label,
        table,
        params,
      ])
      cases.push(['a filter no row passes', fewRows, { ...params, where: nothingPasses }])
      if (algorithm.definition.filters.groupBy)
        cases.push(['one row in four groups', tables[0]![1], { ...params, groupBy: 'region' }])
      for (const [label, table, job] of cases) {
        const { result } = await runOnShares(networks, algorithm, table, job, { sellers: 2 })
        const expected = twinResult(name, table, job)
        assertResultsClose(result, expected, scaledTolerance(expected, 1e-6), `${label}: `)
      }
    })
})
