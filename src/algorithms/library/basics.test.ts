import { after, describe, it } from 'node:test'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import type { PoolSchema } from '../../protocol/schema/index.ts'
import type { Table } from '../../table/index.ts'
import type { AlgorithmResult } from '../definition/AlgorithmDefinition.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable, tableOf } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/** Runs through the engine and through the twin, and compares (mean: 1e-12 relative). */
async function compare(
  networks: Parameters<typeof runOnShares>[0],
  name: string,
  table: Table,
  params: Record<string, unknown>,
) {
  const { result } = await runOnShares(networks, findAlgorithm(name), table, params, { sellers: 2 })
  assertResultsClose(result, twinResult(name, table, params), () => ({
    absolute: 1e-9,
    relative: 1e-12,
  }))
  return result
}

const where = {
  and: [
    { column: 'age', op: '>=', value: 40 },
    {
      or: [
        { column: 'region', op: 'in', value: ['north', 'west'] },
        { column: 'smoker', op: '=', value: true },
      ],
    },
  ],
}

describe('count, sum and mean against their plaintext twins (memory networks)', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const table = randomTable(schema, 300)

  for (const name of ['count', 'sum', 'mean'])
    for (const params of [
      { column: 'income' },
      { column: 'age', where },
      { column: 'visits', groupBy: 'region' },
      { column: 'score', where: { column: 'income', op: '<', value: '100000.5' }, groupBy: 'plan' },
      { column: 'smoker', groupBy: 'smoker' },
    ])
      it(`${name} ${JSON.stringify(params)}`, async () => {
        await compare(networks, name, table, params)
      })

  it('counts rows without a column, and with a filter that nothing passes', async () => {
    await compare(networks, 'count', table, {})
    await compare(networks, 'count', table, { where: { column: 'age', op: '>', value: 100 } })
  })

  it('handles one row, all missing values and the bounds', async () => {
    const one = randomTable(schema, 1)
    for (const name of ['count', 'sum', 'mean'])
      await compare(networks, name, one, { column: 'age' })
    const missing = randomTable(schema, 40, { missing: 1 })
    for (const name of ['count', 'sum', 'mean'])
      await compare(networks, name, missing, { column: 'income', groupBy: 'region' })
    const extremes = tableOf(schema, {
      age: [18n, 100n, 100n],
      income: [0n, 250000n * 65536n, null],
      score: [-5n * 4096n, 5n * 4096n, 0n],
      smoker: [true, false, null].map((v) => (v === null ? null : v ? 1n : 0n)),
      region: [0n, 3n, 3n],
      plan: [null, 2n, 0n],
      visits: [365n, 0n, null],
    })
    for (const name of ['count', 'sum', 'mean'])
      for (const column of ['age', 'income', 'score', 'visits'])
        await compare(networks, name, extremes, { column, groupBy: 'region' })
  })
})

describe('the minimum-rows guard', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema: PoolSchema = surveySchema({ minRows: 5 })
  const table = randomTable(schema, 60)

  for (const name of ['count', 'sum', 'mean'])
    it(`suppresses small groups of ${name} and reveals nothing else of them`, async () => {
      // Plans split 60 rows three ways with missing values; ages over 90 are rare.
      const result = await compare(networks, name, table, {
        column: 'visits',
        where: { column: 'age', op: '>', value: 85 },
        groupBy: 'plan',
      })
      for (const group of Object.values(
        (result as { groups: Record<string, AlgorithmResult> }).groups,
      ))
        if ('suppressed' in group) assertResultsClose(group, { suppressed: true })
    })
})
