import { getBlock } from 'viem/actions'
import {
  type Algorithm,
  assertSourceVerified,
  checkParams,
  decodeParams,
  findAlgorithm,
} from '../algorithms/index.ts'
import { readJob, readPool } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import {
  maxPrivateJobs,
  type PoolSchema,
  type PrivacyPolicy,
  poolSchemaFromUri,
  privacyBudgetAllows,
  privacyPolicyOf,
} from '../protocol/schema/index.ts'
import type { IndexedJobRequest } from './ChainIndex.ts'
import type { NodeContext } from './NodeContext.ts'
import { notAuthorised } from './notAuthorised.ts'

/** A job this node has checked on chain and may compute. */
export interface AuthorisedJob {
  /** The request as the node's chain index holds it (confirmed, from the node's own RPC). */
  readonly job: IndexedJobRequest
  readonly algorithm: Algorithm
  /** The pool's schema, checked against its hash on chain. */
  readonly schema: PoolSchema
  /** The job's parameters, checked against the algorithm's manifest and the schema. */
  readonly params: unknown
}

/** What a pool fixes for life and a job needs: its committee and schema. */
export interface PoolFacts {
  readonly committeeId: bigint
  readonly schema: PoolSchema
}

/** How long a hand-over waits for the chain index to show a job's request. */
const INDEX_WAIT_MS = 3_000

/**
 * The node's own check of a job against the chain, before it spends anything on it: the job
 * exists and is pending (paid, not settled, not refunded), its deadline has not passed in chain
 * time, its request is in the node's chain index (read by the node's watcher, `confirmations`
 * deep) and agrees with the job's state on chain, its pool is served by this node's committee,
 * its algorithm is in the library (with the code its id names: the node re-hashed the sources at
 * start), the pool's privacy budget allows it, and its parameters fit the algorithm and the
 * pool's schema. The bridge that handed the job over is not trusted for any of this. `pools`
 * caches what a pool fixes for life (committee, schema) across jobs.
 *
 * @example
 * const authorised = await authoriseJob(context, jobId, new Map())
 */
export async function authoriseJob(
  context: NodeContext,
  jobId: bigint,
  pools: Map<bigint, Promise<PoolFacts>> = new Map(),
): Promise<AuthorisedJob> {
  const market = context.market.market
  const stored = await readJob(context.chain, { market, jobId })
  if (stored.state !== 'pending')
    throw notAuthorised(`Job ${jobId} is ${stored.state}, not pending`)
  const { timestamp } = await getBlock(context.chain, { blockTag: 'latest' })
  if (timestamp > stored.deadline) throw notAuthorised(`Job ${jobId} passed its deadline`)
  let job = context.store.index.jobRequest(jobId)
  if (!job) {
    // The watcher may not have read the request's block yet: have it poll now.
    await context.watcher.nextPoll(INDEX_WAIT_MS)
    job = context.store.index.jobRequest(jobId)
  }
  if (!job) {
    const confirmations = context.config.chain.confirmations
    throw notAuthorised(
      `The request of job ${jobId} is not in this node's chain index yet${confirmations > 0 ? ` (it waits for ${confirmations} confirmations)` : ''}`,
      { retryable: true },
    )
  }
  if (
    job.buyer.toLowerCase() !== stored.buyer.toLowerCase() ||
    job.deadline !== stored.deadline ||
    job.rowsSnapshot !== stored.rowsSnapshot
  ) {
    throw notAuthorised(
      `Job ${jobId} on chain is not the request this node indexed (a reorganisation under way)`,
      { retryable: true },
    )
  }
  let facts = pools.get(job.poolId)
  if (!facts) {
    facts = readPool(context.chain, { market, poolId: job.poolId }).then((pool) => ({
      committeeId: pool.committeeId,
      schema: poolSchemaFromUri(pool.schemaURI, pool.schemaHash),
    }))
    pools.set(job.poolId, facts)
    facts.catch(() => pools.delete(job.poolId))
  }
  const { committeeId, schema } = await facts
  if (committeeId !== context.config.committeeId) {
    throw notAuthorised(`Job ${jobId} belongs to committee ${committeeId}, not this node's`)
  }
  const algorithm = findAlgorithm(job.algorithmId)
  assertSourceVerified(context.algorithmSources, algorithm)
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
