import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { fieldNumerators, type OrderStatisticParams } from '../quantiles/orderStatistic.ts'
import { minFields } from './min.ts'

const numerators = fieldNumerators(minFields)

/** min at one party: the order statistics of the column per selection. */
export const runMin: AlgorithmRun<OrderStatisticParams> = (context) =>
  runOrderStatistics(context, numerators)
