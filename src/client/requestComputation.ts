import type { Hex } from 'viem'
import { requestJob, type TriadClient } from '../chain/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { generateSealingKeyPair, type SealingKeyPair } from '../sealing/index.ts'

export interface RequestComputationParameters {
  market: MarketRef
  poolId: bigint
  algorithmId: Hex
  /** The algorithm's public parameters; none for `sum`. */
  params?: Hex
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
 * A buyer's request: a fresh result key pair, then the job on chain with its price paid into
 * escrow in the same transaction (approving the market first if needed).
 *
 * @example
 * const { jobId, resultKey } = await requestComputation(buyer, { market, poolId: 1n, algorithmId: sum.id })
 */
export async function requestComputation(
  client: TriadClient,
  parameters: RequestComputationParameters,
): Promise<RequestComputationReturnType> {
  const resultKey = await generateSealingKeyPair()
  const job = await requestJob(client, {
    market: parameters.market.market,
    poolId: parameters.poolId,
    algorithmId: parameters.algorithmId,
    params: parameters.params ?? '0x',
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
