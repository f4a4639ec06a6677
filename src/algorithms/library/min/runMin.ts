import { minAlgorithm } from './min.ts'

/** min at one party: the order statistics of the column per selection. */
export const runMin = minAlgorithm.run
