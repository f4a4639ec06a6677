import { getBlock } from 'viem/actions'
import {
  type Algorithm,
  assertSourceVerified,
  checkParams,
  decodeParams,
  findAlgorithm,
} from '../algorithms/index.ts'
import { getJobRequest, type JobRequest, readJob, readPool } from '../chain/index.ts'
import { isTriadError, TriadError } from '../errors/index.ts'
import {
  maxPrivateJobs,
  type PoolSchema,
  type PrivacyPolicy,
  poolSchemaFromUri,
  privacyBudgetAllows,
  privacyPolicyOf,
} from '../protocol/schema/index.ts'
import type { NodeContext } from './NodeContext.ts'
import { notAuthorised } from './notAuthorised.ts'

/** A job this node has checked on chain and may compute. */
export interface AuthorisedJob {
  readonly job: JobRequest
  readonly algorithm: Algorithm
  /** The pool's schema, checked against its hash on chain. */
  readonly schema: PoolSchema
  /** The job's parameters, checked against the algorithm's manifest and the schema. */
  readonly params: unknown
}

/**
 * The node's own check of a job against the chain, before it spends anything on it: the job
 * exists and is pending (paid, not settled, not refunded), its deadline has not passed in chain
 * time, its pool is served by this node's committee, its algorithm is in the library (with the
 * code its id names: the node re-hashed the sources at start), and its parameters fit the
 * algorithm and the pool's schema. The contract stores only what settlement needs; what to
 * compute (algorithm, parameters, buyer key, snapshot) is read from the job's JobRequested event.
 * The bridge that handed the job over is not trusted for any of this.
 */
export async function authoriseJob(context: NodeContext, jobId: bigint): Promise<AuthorisedJob> {
  const market = context.market.market
  const stored = await readJob(context.chain, { market, jobId })
  if (stored.state !== 'pending')
    throw notAuthorised(`Job ${jobId} is ${stored.state}, not pending`)
  const { timestamp } = await getBlock(context.chain, { blockTag: 'latest' })
  if (timestamp > stored.deadline) throw notAuthorised(`Job ${jobId} passed its deadline`)
  const job = await getJobRequest(context.chain, {
    market,
    jobId,
    fromBlock: context.config.chain.deployBlock,
  }).catch((error: unknown) => {
    if (!isTriadError(error, 'TRIAD_ERR_JOB_UNKNOWN')) throw error
    throw notAuthorised(`The request event of job ${jobId} is not visible yet`, { retryable: true })
  })
  const pool = await readPool(context.chain, { market, poolId: job.poolId })
  if (pool.committeeId !== context.config.committeeId) {
    throw notAuthorised(`Job ${jobId} belongs to committee ${pool.committeeId}, not this node's`)
  }
  const algorithm = findAlgorithm(job.algorithmId)
  assertSourceVerified(context.algorithmSources, algorithm)
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  const policy = privacyPolicyOf(schema)
  if (!privacyBudgetAllows(policy, job.sequence)) throw budgetExhausted(policy, job.sequence)
  const params = decodeParams(algorithm.definition, job.params)
  checkParams(algorithm.definition, params, schema, Number(job.rowsSnapshot))
  return { job, algorithm, schema, params }
}

export { notAuthorised } from './notAuthorised.ts'

/**
 * TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED: the pool's differential-privacy budget pays for its first
 * ⌊budget / epsilonPerJob⌋ jobs only. Not retryable: the job is refused and refunded.
 */
function budgetExhausted(policy: PrivacyPolicy, sequence: bigint): TriadError {
  const dp = policy.differentialPrivacy!
  return new TriadError(
    'TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED',
    `The pool's privacy budget is spent: job ${sequence} of the pool is beyond its ${maxPrivateJobs(policy)} jobs`,
    {
      details: `every job spends epsilon ${dp.epsilonPerJob} of the budget ${dp.budget}`,
      hint: 'The job is refused and its price refunded; the pool answers no more questions.',
    },
  )
}
