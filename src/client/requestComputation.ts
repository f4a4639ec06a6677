import type { Hash, Hex } from 'viem'
import type { TriadClient } from '../chain/createTriadClient.ts'
import { requestJob } from '../chain/requestJob.ts'
import { requestJobWithPermit } from '../chain/requestJobWithPermit.ts'
import { TriadError } from '../errors/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { generateSealingKeyPair, type SealingKeyPair } from '../sealing/generateSealingKeyPair.ts'
import { choosePayment, type PaymentMethod, quoteComputation } from './quoteComputation.ts'

export interface RequestComputationParameters {
  market: MarketRef
  poolId: bigint
  /** The algorithm's id, as pools allow it on chain (`findKnownAlgorithm('sum').id`). */
  algorithmId: Hex
  /** The algorithm's public parameters, as its manifest names them: `{ column: 'income' }`. */
  params?: Record<string, unknown>
  /** Seconds until the job may be refunded. Default one hour. */
  deadlineSeconds?: bigint
  /**
   * How to pay: `auto` (default) uses the allowance if it covers the price, else a permit if
   * the token takes one (one transaction), else an approval first (two); `allowance` never
   * approves (TRIAD_ERR_ALLOWANCE_TOO_LOW when short); `permit` or `approve` force that path.
   */
  payment?: 'auto' | PaymentMethod
}

export interface RequestComputationReturnType {
  jobId: bigint
  /** The job's index among its pool's jobs. */
  sequence: bigint
  deadline: bigint
  price: bigint
  /** The key pair the result is sealed to. Keep the private key: only it opens the result. */
  resultKey: SealingKeyPair
  /** How the price was paid, and in how many transactions. */
  payment: PaymentMethod
  transactions: 1 | 2
  /** The request's transaction and block (wait for the result from there). */
  hash: Hash
  blockNumber: bigint
  gasUsed: bigint
}

/**
 * A buyer's request: quoted first (`quoteComputation`: algorithm allowed, parameters checked
 * against the manifest and the pool's schema, balance read), so nothing is paid for a job the
 * nodes would refuse; then a fresh result key pair, and the job on chain with its price paid
 * into escrow in the same transaction, in as few transactions as the token allows.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID for parameters the nodes would refuse;
 * TRIAD_ERR_ALGORITHM_NOT_ALLOWED; TRIAD_ERR_BALANCE_TOO_LOW; TRIAD_ERR_ALLOWANCE_TOO_LOW (with
 * `payment: 'allowance'`); TRIAD_ERR_TOO_FEW_CONTRIBUTORS from the contract.
 * @example
 * const { jobId, resultKey } = await requestComputation(buyer, {
 *   market,
 *   poolId: 1n,
 *   algorithmId: findKnownAlgorithm('sum').id,
 *   params: { column: 'income' },
 * })
 */
export async function requestComputation(
  client: TriadClient,
  parameters: RequestComputationParameters,
): Promise<RequestComputationReturnType> {
  const quote = await quoteComputation(client, {
    market: parameters.market.market,
    poolId: parameters.poolId,
    algorithm: parameters.algorithmId,
    ...(parameters.params ? { params: parameters.params } : {}),
  })
  if (quote.balance < quote.price) {
    throw new TriadError(
      'TRIAD_ERR_BALANCE_TOO_LOW',
      `The buyer cannot pay ${quote.price} (${quote.token.symbol} base units)`,
      {
        details: `${quote.buyer} holds ${quote.balance}; pool ${quote.poolId} costs ${quote.price}`,
        hint: `Fund the buyer with ${quote.token.symbol} (${quote.token.address}).`,
      },
    )
  }
  const payment = choosePayment(quote, parameters.payment ?? 'auto')
  if (payment === 'allowance' && quote.allowance < quote.price) {
    throw new TriadError(
      'TRIAD_ERR_ALLOWANCE_TOO_LOW',
      `The market may spend ${quote.allowance} of the buyer's ${quote.token.symbol}, less than the price ${quote.price}`,
      {
        details: `buyer ${quote.buyer}, spender ${parameters.market.market}`,
        hint: 'Approve the market for the price first, or let the request approve or permit it (drop --pay allowance).',
      },
    )
  }
  const resultKey = await generateSealingKeyPair()
  const request = {
    market: parameters.market.market,
    poolId: parameters.poolId,
    algorithmId: quote.algorithm.id,
    params: quote.encodedParams,
    buyerKey: resultKey.publicKey,
    deadlineSeconds: parameters.deadlineSeconds ?? 3600n,
  }
  const job =
    payment === 'permit'
      ? await requestJobWithPermit(client, request)
      : await requestJob(client, { ...request, approve: payment === 'approve' })
  return {
    jobId: job.jobId,
    sequence: job.sequence,
    deadline: job.deadline,
    price: job.price,
    resultKey,
    payment,
    transactions: 'approveHash' in job && job.approveHash ? 2 : 1,
    hash: job.hash,
    blockNumber: job.blockNumber,
    gasUsed: job.gasUsed,
  }
}
