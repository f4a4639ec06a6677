import { after, before, describe, it } from 'node:test'
import type { PartyNetwork } from '../../mpc/index.ts'
import { closeAll, startTlsNetworks } from '../../mpc/testing/tlsNetworks.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { scaledTolerance } from '../testing/scaledTolerance.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/**
 * One run of every algorithm over three TLS networks on 127.0.0.1 (the transport the nodes use),
 * against the twins; tolerances as in the memory-network tests (1e-4 relative covers the scaled
 * wide column in the regression; everything else is exact to float64 round-off).
 */
describe('the library over TLS', () => {
  let networks: [PartyNetwork, PartyNetwork, PartyNetwork]
  before(async () => {
    networks = await startTlsNetworks({ timeoutMs: 60_000 })
    await Promise.all(networks.map((network) => network.ready()))
  })
  after(() => closeAll(networks))
  const schema = surveySchema({ minRows: 2 })
  const table = randomTable(schema, 240)
  const where = { column: 'age', op: '>=', value: 30 }

  for (const [name, params] of [
    ['count', { where, groupBy: 'region' }],
    ['sum', { column: 'income', where }],
    ['mean', { column: 'visits', groupBy: 'plan' }],
    ['variance', { column: 'score', where }],
    ['stddev', { column: 'income', groupBy: 'smoker' }],
    ['min', { column: 'visits', where }],
    ['max', { column: 'score', groupBy: 'region' }],
    ['median', { column: 'income', where }],
    ['quantiles', { column: 'age', probabilities: [0.1, 0.9] }],
    ['fiveNumber', { column: 'visits' }],
    ['histogram', { column: 'age', edges: [18, 40, 60, 100], groupBy: 'smoker' }],
    ['frequency', { column: 'plan', where }],
    ['covariance', { x: 'age', y: 'visits' }],
    ['correlation', { x: 'age', y: 'score', where }],
    ['linearRegression', { target: 'income', features: ['age', 'visits', 'smoker'] }],
    ['tTest', { column: 'score', by: 'smoker', groups: ['true', 'false'] }],
    ['chiSquare', { rows: 'region', columns: 'plan' }],
    ['mannWhitney', { column: 'visits', by: 'region', groups: ['north', 'south'], where }],
  ] as const)
    it(`${name} ${JSON.stringify(params)}`, async () => {
      const { result } = await runOnShares(networks, findAlgorithm(name), table, params, {
        sellers: 3,
      })
      const expected = twinResult(name, table, params)
      assertResultsClose(result, expected, scaledTolerance(expected, 1e-4))
    })
})
