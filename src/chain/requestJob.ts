import { type Address, erc20Abi, type Hash, type Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'
import { type JobRequest, jobRequestFromLog } from './getJobRequest.ts'
import { readPool } from './readPool.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RequestJobParameters {
  market: Address
  poolId: bigint
  /** The content hash of an algorithm the pool allows. */
  algorithmId: Hex
  /** The algorithm's public parameters, encoded as the nodes decode them. */
  params: Hex
  /** The buyer's X25519 public key (32 bytes) that result shares are sealed to. */
  buyerKey: Hex
  /** Seconds from now until the job may be refunded; within the pool's bounds. */
  deadlineSeconds: bigint
  /** Approve the market for the price when the allowance is short. Default true. */
  approve?: boolean
}

export type RequestJobReturnType = JobRequest & {
  hash: Hash
  /** The approval sent first, if the allowance was short. */
  approveHash: Hash | undefined
  gasUsed: bigint
}

export type RequestJobErrorType = TriadError

/**
 * Requests a job and pays the pool's price into escrow in the same transaction, approving the
 * market first if the allowance is short (`requestJobWithPermit` does it in one transaction).
 * Fails early with TRIAD_ERR_BALANCE_TOO_LOW.
 *
 * @example
 * const { jobId, deadline } = await requestJob(buyer, {
 *   market, poolId: 1n, algorithmId: meanId, params: '0x', buyerKey, deadlineSeconds: 3600n,
 * })
 */
export async function requestJob(
  client: TriadClient,
  parameters: RequestJobParameters,
): Promise<RequestJobReturnType> {
  const { market } = parameters
  const pool = await readPool(client, { market, poolId: parameters.poolId })
  const buyer = client.account.address
  let approveHash: Hash | undefined
  try {
    const [balance, allowance] = await Promise.all([
      client.readContract({
        address: pool.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [buyer],
      }),
      client.readContract({
        address: pool.token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [buyer, market],
      }),
    ])
    if (balance < pool.price) throw balanceTooLow(buyer, balance, pool)
    if (allowance < pool.price && (parameters.approve ?? true)) {
      approveHash = await client.writeContract({
        address: pool.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [market, pool.price],
      })
      const approval = await client.waitForTransactionReceipt({ hash: approveHash })
      if (approval.status !== 'success') {
        throw new TriadError('TRIAD_ERR_TRANSACTION_FAILED', 'The token approval reverted', {
          details: `transaction ${approveHash}`,
        })
      }
    }
  } catch (error) {
    throw decodeTriadError(error)
  }

  const { hash, receipt } = await writeMarket(client, {
    market,
    functionName: 'requestJob',
    args: [
      parameters.poolId,
      parameters.algorithmId,
      parameters.params,
      parameters.buyerKey,
      parameters.deadlineSeconds,
    ],
  })
  const request = jobRequestFromLog(findMarketEvent(receipt, market, 'JobRequested'))
  return { ...request, hash, approveHash, gasUsed: receipt.gasUsed }
}

/** TRIAD_ERR_BALANCE_TOO_LOW for a buyer who cannot pay a pool's price. */
export function balanceTooLow(
  buyer: Address,
  balance: bigint,
  pool: { poolId: bigint; token: Address; price: bigint },
): TriadError {
  return new TriadError('TRIAD_ERR_BALANCE_TOO_LOW', `The buyer cannot pay ${pool.price}`, {
    details: `${buyer} holds ${balance} of token ${pool.token}; pool ${pool.poolId} costs ${pool.price}`,
    hint: 'Fund the buyer with the pool token (on a dev chain: TestStablecoin.mint).',
  })
}
