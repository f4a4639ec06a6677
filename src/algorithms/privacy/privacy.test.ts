import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { createMemoryNetworks } from '../../mpc/index.ts'
import { closeAll } from '../../mpc/testing/tlsNetworks.ts'
import { decimalFraction, encodedRange } from '../../protocol/schema/index.ts'
import { findAlgorithm } from '../library.ts'
import { maxOf } from '../numeric/bigintMath.ts'
import { centerOf } from '../numeric/productScaling.ts'
import { randomTable } from '../testing/randomTable.ts'
import { runOnShares } from '../testing/runOnShares.ts'
import { surveySchema } from '../testing/surveySchema.ts'
import { twinResult } from '../testing/twins.ts'
import { cryptoRandomSource, seededRandomSource } from './RandomSource.ts'
import { sampleDiscreteLaplace } from './sampleDiscreteLaplace.ts'

describe('the discrete Laplace sampler', () => {
  it('has the discrete Laplace mean, variance and mass at 0', () => {
    // Scale b = 7/2: P(x) ∝ r^|x| with r = e^(−1/b); P(0) = (1 − r)/(1 + r); Var = 2r/(1 − r)².
    const scale = { numerator: 7n, denominator: 2n }
    const r = Math.exp(-2 / 7)
    const draws = 40_000
    const random = cryptoRandomSource()
    let sum = 0
    let squares = 0
    let zeros = 0
    for (let i = 0; i < draws; i++) {
      const x = Number(sampleDiscreteLaplace(random, scale))
      sum += x
      squares += x * x
      if (x === 0) zeros++
    }
    const variance = (2 * r) / (1 - r) ** 2
    const p0 = (1 - r) / (1 + r)
    // Five standard errors: the mean's is √(Var/N); the variance's about √(Var²·(κ − 1)/N), κ ≈ 6.
    assert.ok(Math.abs(sum / draws) < 5 * Math.sqrt(variance / draws), `mean ${sum / draws}`)
    assert.ok(
      Math.abs(squares / draws - variance) < 5 * variance * Math.sqrt(5 / draws),
      `variance ${squares / draws} against ${variance}`,
    )
    assert.ok(
      Math.abs(zeros / draws - p0) < 5 * Math.sqrt((p0 * (1 - p0)) / draws),
      `P(0) ${zeros / draws}`,
    )
  })

  it('is symmetric and integer for a huge scale (a wide column’s sum)', () => {
    const random = cryptoRandomSource()
    let negative = 0
    for (let i = 0; i < 2000; i++)
      if (sampleDiscreteLaplace(random, { numerator: 2n ** 45n, denominator: 3n }) < 0n) negative++
    assert.ok(Math.abs(negative - 1000) < 5 * Math.sqrt(500), `${negative} negative of 2000`)
  })

  it('repeats under the same seed and label, and not under another', () => {
    const seed = randomBytes(32)
    const draw = (label: string) => {
      const random = seededRandomSource(seed, label)
      return Array.from({ length: 20 }, () =>
        sampleDiscreteLaplace(random, { numerator: 5n, denominator: 1n }),
      )
    }
    assert.deepEqual(draw('job 1'), draw('job 1'))
    assert.notDeepEqual(draw('job 1'), draw('job 2'))
  })
})

describe('differential privacy inside the MPC', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))
  const schema = surveySchema({
    minRows: 3,
    differentialPrivacy: { epsilonPerJob: '0.5', budget: '5' },
  })
  const table = randomTable(schema, 120)
  const seeds = [randomBytes(32), randomBytes(32), randomBytes(32)] as const
  const epsilon = decimalFraction('0.5')

  /** The draws party `party` makes for a release of `blocks` blocks (the release's order). */
  function draws(
    party: number,
    blocks: number,
    sensitivities: bigint[],
    countAt: number | undefined,
  ) {
    const random = seededRandomSource(seeds[party]!, 'test')
    const m = BigInt(sensitivities.length + (countAt === undefined ? 1 : 0))
    const scale = (delta: bigint) => ({
      numerator: delta * m * epsilon.denominator,
      denominator: epsilon.numerator,
    })
    const values: bigint[][] = []
    const counts: bigint[] = []
    for (let g = 0; g < blocks; g++) {
      const row = sensitivities.map((delta) => sampleDiscreteLaplace(random, scale(delta)))
      values.push(row)
      counts.push(countAt === undefined ? sampleDiscreteLaplace(random, scale(1n)) : row[countAt]!)
    }
    return { values, counts }
  }

  it('adds every party’s noise to the counts and guards the noisy count', async () => {
    const params = { groupBy: 'region', where: { column: 'age', op: '<', value: 60 } }
    const { result } = await runOnShares(networks, findAlgorithm('count'), table, params, {
      noiseSeeds: seeds,
    })
    const exact = twinResult('count', table, params) as {
      groups: Record<string, { count: number }>
    }
    const labels = Object.keys(exact.groups)
    const noise = [0, 1, 2].map((party) => draws(party, labels.length, [1n], 0))
    const groups = (result as { groups: Record<string, unknown> }).groups
    labels.forEach((label, g) => {
      const noisy =
        exact.groups[label]!.count + noise.reduce((total, d) => total + Number(d.counts[g]), 0)
      assert.deepEqual(groups[label], noisy >= 3 ? { count: noisy } : { suppressed: true }, label)
    })
  })

  it('noises the centred sum and the count of a mean with their own sensitivities', async () => {
    const params = { column: 'visits' }
    const { values } = await runOnShares(networks, findAlgorithm('mean'), table, params, {
      noiseSeeds: seeds,
    })
    const spec = schema.columns.find((column) => column.name === 'visits')!
    const center = centerOf(spec)
    const range = encodedRange(spec)
    const halfWidth = maxOf(range.max - center, center - range.min)
    const noise = [0, 1, 2].map((party) => draws(party, 1, [halfWidth, 1n], 1))
    const column = table.columns.find((candidate) => candidate.spec.name === 'visits')!
    let sum = 0n
    let count = 0n
    for (let row = 0; row < table.rowCount; row++)
      if (column.present![row] === 1) {
        sum += column.values[row]! - center
        count += 1n
      }
    const total = (j: number) => noise.reduce((acc, d) => acc + d.values[0]![j]!, 0n)
    const noisyCount = count + total(1)
    assert.deepEqual(values, noisyCount >= 3n ? [sum + total(0), noisyCount, 1n] : [0n, 0n, 0n])
  })

  it('refuses algorithms without a noisy version in a pool with differential privacy', async () => {
    await assert.rejects(
      runOnShares(networks, findAlgorithm('median'), table, { column: 'age' }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
        /differential-privacy noise to every result, and median has no noisy version/.test(
          error.message,
        ),
    )
  })
})
