import { medianAlgorithm } from './median.ts'

/** median at one party: the order statistics of the column per selection. */
export const runMedian = medianAlgorithm.run
