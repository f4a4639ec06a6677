import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { ReplicatedShare, Session } from '../mpc/index.ts'
import type { TableShares } from '../table/index.ts'
import { algorithmCatalog, type CatalogEntry } from './catalog.ts'
import { checkParams, parseParams } from './definition/readParams.ts'
import { runChiSquare } from './library/chiSquare/runChiSquare.ts'
import { runCorrelation } from './library/correlation/runCorrelation.ts'
import { runCount } from './library/count/runCount.ts'
import { runCovariance } from './library/covariance/runCovariance.ts'
import { runFiveNumber } from './library/fiveNumber/runFiveNumber.ts'
import { runFrequency } from './library/frequency/runFrequency.ts'
import { runHistogram } from './library/histogram/runHistogram.ts'
import { runLinearRegression } from './library/linearRegression/runLinearRegression.ts'
import { runMannWhitney } from './library/mannWhitney/runMannWhitney.ts'
import { runMax } from './library/max/runMax.ts'
import { runMean } from './library/mean/runMean.ts'
import { runMedian } from './library/median/runMedian.ts'
import { runMin } from './library/min/runMin.ts'
import { runQuantiles } from './library/quantiles/runQuantiles.ts'
import { runStddev } from './library/stddev/runStddev.ts'
import { runSum } from './library/sum/runSum.ts'
import { runTTest } from './library/tTest/runTTest.ts'
import { runVariance } from './library/variance/runVariance.ts'
import type { RandomSource } from './privacy/RandomSource.ts'
import type { AlgorithmRun } from './secure/RunContext.ts'
import { releaseToBuyer } from './secure/releaseToBuyer.ts'

// biome-ignore lint/suspicious/noExplicitAny: each run has its own parameter type
const runs: Readonly<Record<string, AlgorithmRun<any>>> = {
  count: runCount,
  sum: runSum,
  mean: runMean,
  variance: runVariance,
  stddev: runStddev,
  min: runMin,
  max: runMax,
  median: runMedian,
  quantiles: runQuantiles,
  fiveNumber: runFiveNumber,
  covariance: runCovariance,
  correlation: runCorrelation,
  linearRegression: runLinearRegression,
  tTest: runTTest,
  chiSquare: runChiSquare,
  frequency: runFrequency,
  histogram: runHistogram,
  mannWhitney: runMannWhitney,
}

export interface AlgorithmRunParameters {
  readonly session: Session
  /** This party's shares of the pool's table (every vector of the schema's layout). */
  readonly table: TableShares
  /** The job's public parameters (decoded from the request; checked again here). */
  readonly params: unknown
  /**
   * This party's randomness for differential-privacy noise. A node seeds it from its own secret
   * and the job id, so that a retried job adds the same noise.
   */
  readonly noise?: RandomSource
}

/** An algorithm of the library as a node runs it: its catalog entry and its secure half. */
export interface Algorithm extends CatalogEntry {
  /**
   * Runs at one party: checks the parameters against the table's schema, computes, applies the
   * guards and the noise, and returns this party's share of the result for the buyer.
   */
  run(parameters: AlgorithmRunParameters): Promise<ReplicatedShare>
}

function withRun(entry: CatalogEntry): Algorithm {
  const compute = runs[entry.manifest.name]
  if (compute === undefined) throw new Error(`no secure half for ${entry.manifest.name}`)
  return {
    ...entry,
    async run({ session, table, params, noise }) {
      const { definition } = entry
      const context = checkParams(
        definition,
        parseParams(definition, params),
        table.schema,
        table.rows,
      )
      const release = await compute({ ...context, session, table })
      return releaseToBuyer(session, { release, policy: context.policy, rows: table.rows, noise })
    },
  }
}

/** The standard library, by id, with the secure half of every algorithm. Node-side. */
export const algorithmLibrary: ReadonlyMap<Hex, Algorithm> = new Map(
  [...algorithmCatalog.values()].map((entry) => [entry.id, withRun(entry)]),
)

/**
 * The algorithm with this id (or name).
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN if the library has none.
 * @example
 * const algorithm = findAlgorithm(job.algorithmId)
 * const forBuyer = await algorithm.run({ session, table, params })
 */
export function findAlgorithm(idOrName: string): Algorithm {
  const key = idOrName.toLowerCase()
  for (const algorithm of algorithmLibrary.values())
    if (algorithm.id === key || algorithm.manifest.name === idOrName) return algorithm
  throw new TriadError('TRIAD_ERR_ALGORITHM_UNKNOWN', 'No algorithm in the library has this id', {
    details: idOrName,
    hint: `Known: ${[...algorithmLibrary.values()].map((a) => `${a.manifest.name} ${a.id}`).join(', ')}`,
  })
}
