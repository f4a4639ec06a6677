import type { Hex } from 'viem'
import { findCatalogEntry } from '../algorithms/catalog.ts'
import { checkParams, encodeParams, parseParams } from '../algorithms/definition/readParams.ts'
import { readPool, requestJob, type TriadClient } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import {
  maxPrivateJobs,
  poolSchemaFromUri,
  privacyBudgetAllows,
  privacyPolicyOf,
} from '../protocol/schema/index.ts'
import { generateSealingKeyPair, type SealingKeyPair } from '../sealing/index.ts'

export interface RequestComputationParameters {
  market: MarketRef
  poolId: bigint
  algorithmId: Hex
  /** The algorithm's public parameters, as its manifest names them: `{ column: 'income' }`. */
  params?: Record<string, unknown>
  /** Seconds until the job may be refunded. Default one hour. */
  deadlineSeconds?: bigint
}

export interface RequestComputationReturnType {
  jobId: bigint
  deadline: bigint
  price: bigint
  /** The key pair the result is sealed to. Keep the private key: only it opens the result. */
  resultKey: SealingKeyPair
  gasUsed: bigint
}

/**
 * A buyer's request: the parameters checked against the algorithm's manifest and the pool's
 * schema before anything is paid (the nodes check them again), a fresh result key pair, then the
 * job on chain with its price paid into escrow in the same transaction (approving the market
 * first if needed).
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID for parameters the nodes would refuse;
 * TRIAD_ERR_ALGORITHM_UNKNOWN for an algorithm not in the library;
 * TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED when the pool's differential-privacy budget is spent.
 * @example
 * const { jobId, resultKey } = await requestComputation(buyer, {
 *   market,
 *   poolId: 1n,
 *   algorithmId: sumAlgorithm.id,
 *   params: { column: 'income' },
 * })
 */
export async function requestComputation(
  client: TriadClient,
  parameters: RequestComputationParameters,
): Promise<RequestComputationReturnType> {
  const { definition } = findCatalogEntry(parameters.algorithmId)
  const params = parameters.params ?? {}
  const encoded = encodeParams(definition, params)
  const pool = await readPool(client, {
    market: parameters.market.market,
    poolId: parameters.poolId,
  })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  checkParams(definition, parseParams(definition, params), schema, 0)
  // A pool with differential privacy answers ⌊budget / epsilonPerJob⌋ jobs; the nodes refuse
  // later ones, so do not pay for one (a job requested at the same time may still take the last).
  const policy = privacyPolicyOf(schema)
  if (!privacyBudgetAllows(policy, pool.jobCount))
    throw new TriadError(
      'TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED',
      `Pool ${parameters.poolId} has spent its privacy budget`,
      {
        details: `${pool.jobCount} jobs requested; the budget ${policy.differentialPrivacy!.budget} pays for ${maxPrivateJobs(policy)} at epsilon ${policy.differentialPrivacy!.epsilonPerJob} each`,
        hint: 'The pool answers no more questions; nothing was paid.',
      },
    )
  const resultKey = await generateSealingKeyPair()
  const job = await requestJob(client, {
    market: parameters.market.market,
    poolId: parameters.poolId,
    algorithmId: parameters.algorithmId,
    params: encoded,
    buyerKey: resultKey.publicKey,
    deadlineSeconds: parameters.deadlineSeconds ?? 3600n,
  })
  return {
    jobId: job.jobId,
    deadline: job.deadline,
    price: job.price,
    resultKey,
    gasUsed: job.gasUsed,
  }
}
