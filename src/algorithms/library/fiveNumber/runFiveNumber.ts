import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { runOrderStatistics } from '../../secure/runOrderStatistics.ts'
import { fieldNumerators, type OrderStatisticParams } from '../quantiles/orderStatistic.ts'
import { fiveNumberFields } from './fiveNumber.ts'

const numerators = fieldNumerators(fiveNumberFields)

/** fiveNumber at one party: the order statistics of the column per selection. */
export const runFiveNumber: AlgorithmRun<OrderStatisticParams> = (context) =>
  runOrderStatistics(context, numerators)
