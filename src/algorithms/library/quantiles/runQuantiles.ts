import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { numeratorsOf, type QuantilesParams } from './quantiles.ts'

/** quantiles at one party. */
export const runQuantiles: AlgorithmRun<QuantilesParams> = (context) =>
  runOrderStatistics(context, numeratorsOf(context.params))
