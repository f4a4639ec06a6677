import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { fieldNumerators, type OrderStatisticParams } from '../quantiles/orderStatistic.ts'
import { medianFields } from './median.ts'

const numerators = fieldNumerators(medianFields)

/** median at one party: the order statistics of the column per selection. */
export const runMedian: AlgorithmRun<OrderStatisticParams> = (context) =>
  runOrderStatistics(context, numerators)
