import { maxAlgorithm } from './max.ts'

/** max at one party: the order statistics of the column per selection. */
export const runMax = maxAlgorithm.run
