import type { Table } from '../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../definition/AlgorithmDefinition.ts'
import { checkParams, parseParams } from '../definition/readParams.ts'
import { chiSquareTwin } from '../library/chiSquare/chiSquareTwin.ts'
import { correlationTwin } from '../library/correlation/correlationTwin.ts'
import { countTwin } from '../library/count/countTwin.ts'
import { covarianceTwin } from '../library/covariance/covarianceTwin.ts'
import { fiveNumberTwin } from '../library/fiveNumber/fiveNumberTwin.ts'
import { frequencyTwin } from '../library/frequency/frequencyTwin.ts'
import { histogramTwin } from '../library/histogram/histogramTwin.ts'
import { linearRegressionTwin } from '../library/linearRegression/linearRegressionTwin.ts'
import { mannWhitneyTwin } from '../library/mannWhitney/mannWhitneyTwin.ts'
import { maxTwin } from '../library/max/maxTwin.ts'
import { meanTwin } from '../library/mean/meanTwin.ts'
import { medianTwin } from '../library/median/medianTwin.ts'
import { minTwin } from '../library/min/minTwin.ts'
import { quantilesTwin } from '../library/quantiles/quantilesTwin.ts'
import { stddevTwin } from '../library/stddev/stddevTwin.ts'
import { sumTwin } from '../library/sum/sumTwin.ts'
import { tTestTwin } from '../library/tTest/tTestTwin.ts'
import { varianceTwin } from '../library/variance/varianceTwin.ts'
import { findAlgorithm } from '../library.ts'

// biome-ignore lint/suspicious/noExplicitAny: twins of different parameter types
type Twin = (table: Table, context: PublicContext<any>) => AlgorithmResult

/** Every algorithm's plaintext twin, by name. */
export const twins: Readonly<Record<string, Twin>> = {
  count: countTwin,
  sum: sumTwin,
  mean: meanTwin,
  variance: varianceTwin,
  stddev: stddevTwin,
  min: minTwin,
  max: maxTwin,
  median: medianTwin,
  quantiles: quantilesTwin,
  fiveNumber: fiveNumberTwin,
  covariance: covarianceTwin,
  correlation: correlationTwin,
  linearRegression: linearRegressionTwin,
  tTest: tTestTwin,
  chiSquare: chiSquareTwin,
  frequency: frequencyTwin,
  histogram: histogramTwin,
  mannWhitney: mannWhitneyTwin,
}

/** Test support: the twin's result for a job, with the parameters read as the node reads them. */
export function twinResult(name: string, table: Table, params: unknown): AlgorithmResult {
  const { definition } = findAlgorithm(name)
  const context = checkParams(
    definition,
    parseParams(definition, params),
    table.schema,
    table.rowCount,
  )
  return twins[name]!(table, context)
}
