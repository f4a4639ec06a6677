import { minAlgorithm } from './min.ts'

/** The plaintext twin of min: sort and read off the positions. */
export const minTwin = minAlgorithm.twin
