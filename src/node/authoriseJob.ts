import { getBlock } from 'viem/actions'
import { type Algorithm, findAlgorithm } from '../algorithms/index.ts'
import { type Job, readJob, readPool } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import type { NodeContext } from './NodeContext.ts'

/** A job this node has checked on chain and may compute. */
export interface AuthorisedJob {
  readonly job: Job
  readonly algorithm: Algorithm
}

/**
 * The node's own check of a job against the chain, before it spends anything on it: the job
 * exists and is pending (paid, not settled, not refunded), its deadline has not passed in chain
 * time, its pool is served by this node's committee, and its algorithm is in the library. The
 * bridge that handed the job over is not trusted for any of this.
 */
export async function authoriseJob(context: NodeContext, jobId: bigint): Promise<AuthorisedJob> {
  const market = context.market.market
  const job = await readJob(context.chain, { market, jobId })
  if (job.state !== 'pending') throw notAuthorised(`Job ${jobId} is ${job.state}, not pending`)
  const { timestamp } = await getBlock(context.chain, { blockTag: 'latest' })
  if (timestamp > job.deadline) throw notAuthorised(`Job ${jobId} passed its deadline`)
  const pool = await readPool(context.chain, { market, poolId: job.poolId })
  if (pool.committeeId !== context.config.committeeId) {
    throw notAuthorised(`Job ${jobId} belongs to committee ${pool.committeeId}, not this node's`)
  }
  return { job, algorithm: findAlgorithm(job.algorithmId) }
}

export function notAuthorised(message: string, options: { retryable?: boolean } = {}): TriadError {
  return new TriadError('TRIAD_ERR_JOB_NOT_AUTHORISED', message, {
    hint: 'The node computes only jobs the chain shows as paid, pending and for its committee.',
    retryable: options.retryable ?? false,
  })
}
