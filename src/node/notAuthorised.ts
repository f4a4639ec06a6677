import { TriadError } from '../errors/index.ts'

/**
 * TRIAD_ERR_JOB_NOT_AUTHORISED: the node will not compute this job. Retryable when the chain
 * may still catch up (an event not visible yet).
 *
 * @example
 * throw notAuthorised(`Job ${jobId} is delivered, not pending`)
 */
export function notAuthorised(message: string, options: { retryable?: boolean } = {}): TriadError {
  return new TriadError('TRIAD_ERR_JOB_NOT_AUTHORISED', message, {
    hint: 'The node computes only jobs the chain shows as paid, pending and for its committee.',
    retryable: options.retryable ?? false,
  })
}
