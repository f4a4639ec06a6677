import { medianAlgorithm } from './median.ts'

/** The plaintext twin of median: sort and read off the positions. */
export const medianTwin = medianAlgorithm.twin
