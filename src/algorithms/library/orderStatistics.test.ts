import { after, describe, it } from 'node:test'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import type { Table } from '../../table/index.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable, tableOf } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/** Order statistics are exact (the engine's result is the quantile times 2^16 as an integer). */
async function compare(
  networks: Parameters<typeof runOnShares>[0],
  name: string,
  table: Table,
  params: Record<string, unknown>,
) {
  const { result } = await runOnShares(networks, findAlgorithm(name), table, params, { sellers: 2 })
  assertResultsClose(result, twinResult(name, table, params), () => ({
    absolute: 0,
    relative: 1e-15,
  }))
}

describe('min, max, median, quantiles and five numbers against their twins', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const table = randomTable(schema, 301)
  const even = randomTable(schema, 200)

  for (const name of ['min', 'max', 'median', 'fiveNumber'])
    it(`${name}: every row, a filter with missing values, groups`, async () => {
      await compare(networks, name, table, { column: 'age' })
      await compare(networks, name, even, { column: 'score' })
      await compare(networks, name, table, {
        column: 'income',
        where: { column: 'smoker', op: '=', value: true },
      })
      await compare(networks, name, even, { column: 'visits', groupBy: 'plan' })
    })

  it('quantiles at several probabilities, off the 2^-16 grid too', async () => {
    await compare(networks, 'quantiles', table, {
      column: 'score',
      probabilities: [0.1, 0.9, 0.5, 0.05],
    })
    await compare(networks, 'quantiles', even, {
      column: 'income',
      probabilities: [0, 0.333, 1],
      groupBy: 'region',
      where: { column: 'age', op: '<', value: 70 },
    })
  })

  it('one row, ties everywhere, bounds, and an empty group', async () => {
    await compare(networks, 'fiveNumber', randomTable(schema, 1), { column: 'age' })
    const ties = tableOf(schema, {
      age: [18n, 18n, 100n, 100n, 50n, 50n, 50n],
      region: [0n, 0n, 0n, 1n, 1n, 1n, 1n],
      visits: [null, 3n, 3n, 3n, null, 0n, 365n],
    })
    await compare(networks, 'fiveNumber', ties, { column: 'age', groupBy: 'region' })
    await compare(networks, 'median', ties, { column: 'visits', groupBy: 'region' })
    await compare(networks, 'quantiles', ties, { column: 'visits', probabilities: [0.25, 0.8] })
  })
})
