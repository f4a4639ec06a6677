import { runCovariance } from '../covariance/runCovariance.ts'

/** correlation at one party: the same moment sums as covariance; the buyer forms r. */
export const runCorrelation = runCovariance
