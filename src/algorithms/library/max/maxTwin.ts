import { maxAlgorithm } from './max.ts'

/** The plaintext twin of max: sort and read off the positions. */
export const maxTwin = maxAlgorithm.twin
