import type { BenchCase } from '../mpc/BenchCase.ts'
import { benchTable, runJob } from './benchTable.ts'

/** Sizes every algorithm is measured at, unless its case says a size would take minutes. */
export const benchSizes = [10_000, 100_000, 1_000_000] as const

/** One algorithm job of `npm run bench:algorithms`, and the sizes it skips (with why). */
export interface AlgorithmBenchCase extends BenchCase {
  readonly params: Record<string, unknown>
  /** A target from issue 5 at one size, in milliseconds. */
  readonly goal?: { readonly rows: number; readonly atMostMs: number }
  /** Sizes left out, and why. */
  readonly skip?: { readonly rows: number; readonly reason: string }[]
}

function job(
  name: string,
  params: Record<string, unknown>,
  extra: Partial<Pick<AlgorithmBenchCase, 'goal' | 'skip'>> = {},
): AlgorithmBenchCase {
  const run = runJob(name, params)
  return {
    name,
    description: `${name} ${JSON.stringify(params)}`,
    batches: benchSizes.filter((rows) => !extra.skip?.some((skip) => skip.rows === rows)),
    operationsPerCall: () => 1,
    params,
    ...extra,
    prepare(session, rows) {
      return run(session, benchTable(session, rows))
    },
  }
}

const whereAge = { column: 'age', op: '>=', value: 40 }
const minutes = (why: string) => [{ rows: 1_000_000, reason: why }]

/** Every algorithm of the library, as the bench runs it. */
export const algorithmBenchCases: readonly AlgorithmBenchCase[] = [
  job('count', { where: whereAge, groupBy: 'region' }),
  job('sum', { column: 'income' }),
  job('mean', { column: 'weight' }, { goal: { rows: 1_000_000, atMostMs: 300 } }),
  job('variance', { column: 'income' }),
  job('stddev', { column: 'age', groupBy: 'region' }),
  job('min', { column: 'visits' }),
  job('max', { column: 'score' }),
  job('median', { column: 'score' }, { goal: { rows: 100_000, atMostMs: 3_000 } }),
  job('quantiles', { column: 'age', probabilities: [0.1, 0.5, 0.9] }),
  job('fiveNumber', { column: 'steps' }),
  job(
    'histogram',
    {
      column: 'steps',
      edges: Array.from({ length: 21 }, (_, i) => i * 2_500),
    },
    { goal: { rows: 1_000_000, atMostMs: 10_000 } },
  ),
  job('frequency', { column: 'region' }),
  job('covariance', { x: 'age', y: 'visits' }),
  job('correlation', { x: 'weight', y: 'income' }),
  job(
    'linearRegression',
    { target: 'weight', features: ['age', 'visits', 'steps', 'score', 'income'] },
    { goal: { rows: 100_000, atMostMs: 5_000 } },
  ),
  job('tTest', { column: 'visits', by: 'smoker', groups: ['true', 'false'] }),
  job('chiSquare', { rows: 'region', columns: 'smoker' }),
  job(
    'mannWhitney',
    { column: 'age', by: 'region', groups: ['north', 'south'] },
    { skip: minutes('a full sort of 2n keys: ≈ 40 million comparisons') },
  ),
]
