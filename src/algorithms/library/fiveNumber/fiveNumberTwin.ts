import { fiveNumberAlgorithm } from './fiveNumber.ts'

/** The plaintext twin of fiveNumber: sort and read off the positions. */
export const fiveNumberTwin = fiveNumberAlgorithm.twin
