import { TriadError } from '../errors/index.ts'

/** A job id from a URL path: the decimal id the chain assigned. */
export function parseJobId(raw: string): bigint {
  if (!/^\d{1,78}$/.test(raw)) {
    throw new TriadError('TRIAD_ERR_BAD_REQUEST', `"${raw}" is not a job id`, {
      hint: 'Use the decimal job id from the chain, e.g. /v1/jobs/12.',
    })
  }
  return BigInt(raw)
}

/** The MPC attempt of a job, from `?attempt=`; 0 when absent. */
export function parseAttempt(raw: string | undefined): number {
  if (raw === undefined) return 0
  if (!/^\d{1,9}$/.test(raw)) {
    throw new TriadError('TRIAD_ERR_BAD_REQUEST', `"${raw}" is not an attempt number`, {
      hint: 'Use ?attempt=0, 1, 2, ...',
    })
  }
  return Number(raw)
}
