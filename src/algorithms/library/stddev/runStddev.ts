import { runVariance } from '../variance/runVariance.ts'

/** stddev at one party: the same moment sums as variance; the buyer takes the square root. */
export const runStddev = runVariance
