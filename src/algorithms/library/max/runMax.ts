import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { fieldNumerators, type OrderStatisticParams } from '../quantiles/orderStatistic.ts'
import { maxFields } from './max.ts'

const numerators = fieldNumerators(maxFields)

/** max at one party: the order statistics of the column per selection. */
export const runMax: AlgorithmRun<OrderStatisticParams> = (context) =>
  runOrderStatistics(context, numerators)
