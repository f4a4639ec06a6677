import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface SubmitResultParameters {
  market: Address
  jobId: bigint
  /** The MPC run all shares come from; every signature must be over this same attempt. */
  attempt: number
  /** The signing seats' results sealed to the buyer's key, in seat order. */
  sealedShares: readonly Hex[]
  /**
   * The signing seats' EIP-712 Result signatures over (jobId, attempt, keccak256(sealedShare))
   * (see `signResult`), in seat order.
   */
  signatures: readonly Hex[]
  /**
   * The seats that signed, ascending; at least the pool's threshold of them. Default: seats
   * 0, 1, ... one per signature (the whole committee).
   */
  seats?: readonly number[]
}

export interface SubmitResultReturnType {
  hash: Hash
  blockNumber: bigint
  gasUsed: bigint
}

/**
 * Submits the committee's result for a pending job; anyone may. A job already settled throws
 * TRIAD_ERR_JOB_NOT_PENDING (TriadJobNotPending), which a relayer treats as done.
 * Shares and signatures of different attempts throw TRIAD_ERR_SIGNATURE_INVALID.
 *
 * @example
 * await submitResult(relayer, { market, jobId, attempt: 0, sealedShares, signatures })
 */
export async function submitResult(
  client: TriadClient,
  parameters: SubmitResultParameters,
): Promise<SubmitResultReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'submitResult',
    args: [
      parameters.jobId,
      parameters.attempt,
      seatBitmap(parameters.seats ?? parameters.signatures.map((_, seat) => seat)),
      parameters.sealedShares,
      parameters.signatures,
    ],
  })
  findMarketEvent(receipt, parameters.market, 'JobCompleted')
  return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }
}

/**
 * The contract's seat bitmap (bit i set for seat i) of a list of seats.
 *
 * @example
 * seatBitmap([0, 2]) // 5n
 */
export function seatBitmap(seats: readonly number[]): bigint {
  return seats.reduce((bitmap, seat) => bitmap | (1n << BigInt(seat)), 0n)
}

/**
 * The seats, ascending, of a bitmap.
 *
 * @example
 * seatsOf(5n) // [0, 2]
 */
export function seatsOf(bitmap: bigint): number[] {
  const seats: number[] = []
  for (let seat = 0; bitmap >> BigInt(seat) !== 0n; seat++) {
    if ((bitmap >> BigInt(seat)) & 1n) seats.push(seat)
  }
  return seats
}
