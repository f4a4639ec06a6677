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

/**
 * The engine solves the normal equations exactly from exact sums; the twin in float64 on centred
 * data. Exact columns: 1e-7 relative (float64 round-off of the twin on random, well-conditioned
 * data). A wide column scaled by 2^s before products: 1e-4 relative on every number.
 */
async function compare(
  networks: Parameters<typeof runOnShares>[0],
  table: Table,
  params: Record<string, unknown>,
  relative = 1e-7,
) {
  const algorithm = findAlgorithm('linearRegression')
  const { result } = await runOnShares(networks, algorithm, table, params, { sellers: 2 })
  assertResultsClose(result, twinResult('linearRegression', table, params), () => ({
    absolute: 1e-9,
    relative,
  }))
}

describe('linear regression against its twin', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const table = randomTable(schema, 300)

  it('simple regression of visits on age', async () => {
    await compare(networks, table, { target: 'visits', features: ['age'] })
  })

  it('multiple regression with a filter and groups', async () => {
    await compare(networks, table, {
      target: 'score',
      features: ['age', 'visits', 'smoker'],
      where: { column: 'region', op: '!=', value: 'east' },
      groupBy: 'plan',
    })
  })

  it('multiple regression with a wide fixed-point column', async () => {
    await compare(networks, table, { target: 'income', features: ['age', 'score'] }, 1e-4)
  })

  it('recovers a known linear relation exactly', async () => {
    // score = (age − 50)/20 + visits/100, on the 2^-12 grid the column encodes exactly.
    const ages = Array.from({ length: 30 }, (_, i) => 20n + BigInt(i * 2))
    const visits = ages.map((_, i) => BigInt((i * 37) % 300))
    const score = ages.map((age, i) => ((age - 50n) * 4096n) / 20n + (visits[i]! * 4096n) / 100n)
    const exact = tableOf(schema, {
      age: ages,
      visits,
      score,
      region: ages.map(() => 0n),
    })
    await compare(networks, exact, { target: 'score', features: ['age', 'visits'] })
  })

  it('reports null coefficients for collinear features and too few rows', async () => {
    const collinear = tableOf(schema, {
      age: [20n, 30n, 40n, 50n],
      visits: [20n, 30n, 40n, 50n],
      score: [1n, 2n, 3n, 5n],
      region: [0n, 0n, 0n, 0n],
    })
    await compare(networks, collinear, { target: 'score', features: ['age', 'visits'] })
    await compare(networks, randomTable(schema, 2), {
      target: 'score',
      features: ['age', 'visits'],
    })
  })
})
