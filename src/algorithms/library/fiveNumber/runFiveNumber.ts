import { fiveNumberAlgorithm } from './fiveNumber.ts'

/** fiveNumber at one party: the order statistics of the column per selection. */
export const runFiveNumber = fiveNumberAlgorithm.run
