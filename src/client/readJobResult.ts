import type { Hash, Hex } from 'viem'
import { decodeParams } from '../algorithms/definition/readParams.ts'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { getJobRequest, type JobRequest } from '../chain/getJobRequest.ts'
import { readJob } from '../chain/readJob.ts'
import { readPool } from '../chain/readPool.ts'
import { TriadError } from '../errors/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { poolSchemaFromUri } from '../protocol/schema/poolSchemaUri.ts'
import { type ComputationResult, decodeComputationResult } from './decodeComputationResult.ts'
import { findKnownAlgorithm } from './knownAlgorithms.ts'
import { openResult } from './openResult.ts'
import type { BridgeJobView } from './readBridgeJob.ts'
import { waitForResult } from './waitForResult.ts'

export interface ReadJobResultParameters {
  market: MarketRef
  jobId: bigint
  /** The buyer's result key pair (`requestComputation` returned it). */
  resultKey: { privateKey: Hex; publicKey?: Hex }
  /** Where to look for the job's events from: the market's deployment block. */
  fromBlock: bigint
  /** Wait for a pending job to be delivered (default), or fail at once with TRIAD_ERR_JOB_NOT_SETTLED. */
  wait?: boolean
  /** A bridge to ask for progress while waiting. */
  bridgeUrl?: string
  onProgress?: (progress: { secondsWaited: number; bridge: BridgeJobView | undefined }) => void
  signal?: AbortSignal
}

export interface ReadJobResultReturnType {
  /** The result as plain JSON, read in the pool's schema. */
  readonly result: ComputationResult
  /** The opened values: signed 64-bit integers. */
  readonly values: readonly bigint[]
  readonly request: JobRequest
  /** The MPC attempt the shares come from, and the transaction that delivered them. */
  readonly attempt: number
  readonly transactionHash: Hash
}

/**
 * The buyer's last step: wait for the job to be delivered, open the three sealed shares with
 * the result key, check that they agree, reconstruct, and decode the values to plain JSON in
 * the pool's schema.
 *
 * @throws TriadError TRIAD_ERR_RESULT_KEY_MISMATCH when the key is not the job's;
 * TRIAD_ERR_JOB_EXPIRED when the job was refunded; TRIAD_ERR_JOB_NOT_SETTLED without `wait`;
 * TRIAD_ERR_SHARES_DISAGREE when the nodes' shares do not agree.
 * @example
 * const { result } = await readJobResult(buyer, { market, jobId, resultKey, fromBlock: deployBlock })
 * result.value // { sum: 138565 }
 */
export async function readJobResult(
  client: TriadReadClient,
  parameters: ReadJobResultParameters,
): Promise<ReadJobResultReturnType> {
  const { market, jobId, resultKey, fromBlock } = parameters
  const request = await getJobRequest(client, { market: market.market, jobId, fromBlock })
  if (resultKey.publicKey && resultKey.publicKey.toLowerCase() !== request.buyerKey.toLowerCase()) {
    throw new TriadError(
      'TRIAD_ERR_RESULT_KEY_MISMATCH',
      `This result key is not the one job ${jobId} was requested with`,
      {
        details: `job key ${request.buyerKey}, given key ${resultKey.publicKey}`,
        hint: 'Use the key file `triad buy` saved for this job (it names the job id).',
      },
    )
  }
  if (parameters.wait === false) {
    const job = await readJob(client, { market: market.market, jobId })
    if (job.state === 'pending') {
      throw new TriadError('TRIAD_ERR_JOB_NOT_SETTLED', `Job ${jobId} has no result yet`, {
        hint: `Wait for it: \`triad job result ${jobId}\` without --no-wait, or follow it with \`triad job status ${jobId}\`.`,
        retryable: true,
      })
    }
  }
  const delivery = await waitForResult(client, {
    market: market.market,
    jobId,
    fromBlock: request.blockNumber,
    ...(parameters.bridgeUrl ? { bridgeUrl: parameters.bridgeUrl } : {}),
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    ...(parameters.signal ? { signal: parameters.signal } : {}),
  })
  const values = await openResult({
    market,
    jobId,
    sealedShares: delivery.sealedShares,
    privateKey: resultKey.privateKey,
  })
  const algorithm = findKnownAlgorithm(request.algorithmId)
  const pool = await readPool(client, {
    market: market.market,
    poolId: request.poolId,
    blockNumber: request.blockNumber,
  })
  const result = decodeComputationResult({
    algorithm: algorithm.id,
    params: decodeParams(algorithm.definition, request.params),
    schema: poolSchemaFromUri(pool.schemaURI, pool.schemaHash),
    rows: Number(request.rowsSnapshot),
    values,
  })
  return {
    result,
    values,
    request,
    attempt: delivery.attempt,
    transactionHash: delivery.transactionHash,
  }
}
