import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import type { Table } from '../../table/index.ts'
import { findAlgorithm } from '../library.ts'
import { assertResultsClose } from '../testing/assertResultsClose.ts'
import { randomTable, tableOf } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'

/** Counts are exact; the tests' statistics agree to float64 round-off (1e-12 relative). */
async function compare(
  networks: Parameters<typeof runOnShares>[0],
  name: string,
  table: Table,
  params: Record<string, unknown>,
) {
  const { result } = await runOnShares(networks, findAlgorithm(name), table, params, { sellers: 2 })
  assertResultsClose(result, twinResult(name, table, params), () => ({
    absolute: 1e-12,
    relative: 1e-12,
  }))
}

describe('histogram, frequency, χ² and t-test against their twins', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema()
  const table = randomTable(schema, 500)

  it('histogram of an integer column with closed last bin, values outside, and groups', async () => {
    await compare(networks, 'histogram', table, { column: 'age', edges: [18, 30, 45, 60, 100] })
    await compare(networks, 'histogram', table, {
      column: 'visits',
      edges: [10, 50, 100.5, '200'],
      groupBy: 'region',
      where: { column: 'smoker', op: '=', value: true },
    })
  })

  it('histogram of a fixed-point column with edges off the grid', async () => {
    await compare(networks, 'histogram', table, {
      column: 'score',
      edges: ['-5', '-0.1', 0, '0.001', 2.5, 5],
    })
  })

  it('refuses edges that leave a bin empty once on the column’s grid', () => {
    // With 12 fractional bits, 0.0001 rounds to 0.
    assert.throws(
      () => twinResult('histogram', table, { column: 'score', edges: [0, '0.0001', 1] }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
        /edges\.1: the edges must increase/.test(error.message),
    )
  })

  it('frequency tables', async () => {
    await compare(networks, 'frequency', table, { column: 'region' })
    await compare(networks, 'frequency', table, {
      column: 'plan',
      where: { column: 'age', op: '<', value: 40 },
    })
    await compare(networks, 'frequency', table, { column: 'smoker' })
  })

  it('χ² tests of independence', async () => {
    await compare(networks, 'chiSquare', table, { rows: 'region', columns: 'plan' })
    await compare(networks, 'chiSquare', table, {
      rows: 'smoker',
      columns: 'region',
      where: { column: 'visits', op: '>', value: 100 },
    })
  })

  it('Welch’s t-tests', async () => {
    await compare(networks, 'tTest', table, {
      column: 'visits',
      by: 'smoker',
      groups: ['true', 'false'],
    })
    await compare(networks, 'tTest', table, {
      column: 'score',
      by: 'region',
      groups: ['west', 'north'],
      where: { column: 'age', op: '>=', value: 30 },
    })
  })

  it('Mann–Whitney U tests, with ties', async () => {
    await compare(networks, 'mannWhitney', table, {
      column: 'visits',
      by: 'smoker',
      groups: ['true', 'false'],
    })
    await compare(networks, 'mannWhitney', table, {
      column: 'age',
      by: 'region',
      groups: ['south', 'east'],
      where: { column: 'plan', op: 'in', value: ['plus', 'premium'] },
    })
  })

  it('edge cases: empty categories, one row, a degenerate table', async () => {
    const tiny = tableOf(schema, {
      age: [30n, 30n],
      region: [1n, 1n],
      plan: [0n, null],
      score: [5n, 7n],
      smoker: [1n, 0n],
    })
    await compare(networks, 'frequency', tiny, { column: 'region' })
    await compare(networks, 'chiSquare', tiny, { rows: 'region', columns: 'plan' })
    await compare(networks, 'histogram', tiny, { column: 'age', edges: [18, 30, 31] })
    await compare(networks, 'tTest', tiny, {
      column: 'score',
      by: 'smoker',
      groups: ['true', 'false'],
    })
    await compare(networks, 'mannWhitney', tiny, {
      column: 'age',
      by: 'smoker',
      groups: ['true', 'false'],
    })
    await compare(networks, 'mannWhitney', tiny, {
      column: 'age',
      by: 'region',
      groups: ['north', 'south'],
    })
    await compare(networks, 'tTest', randomTable(schema, 1), {
      column: 'score',
      by: 'smoker',
      groups: ['true', 'false'],
    })
  })
})

describe('cell suppression', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema({ minRows: 4 })
  const table = randomTable(schema, 40)

  it('suppresses small non-empty cells and reports no test over them', async () => {
    await compare(networks, 'chiSquare', table, { rows: 'region', columns: 'plan' })
    await compare(networks, 'histogram', table, { column: 'age', edges: [18, 20, 60, 100] })
    await compare(networks, 'frequency', table, {
      column: 'region',
      where: { column: 'age', op: '<', value: 40 },
    })
  })
})
