import type { Address, Hash, Hex } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { seatBitmap } from './submitResult.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

export interface RefuseJobParameters {
  market: Address
  jobId: bigint
  /** The MPC run the nodes refused in; every signature is over this same attempt. */
  attempt: number
  /** The signing seats' EIP-712 refusals (see `signRefusal`), in seat order. */
  signatures: readonly Hex[]
  /** The seats that signed, ascending; at least the pool's threshold. Default 0, 1, ... */
  seats?: readonly number[]
}

export interface RefuseJobReturnType {
  /** The price credited back to the buyer (withdraw it with `withdraw`). */
  amount: bigint
  buyer: Address
  hash: Hash
  gasUsed: bigint
}

/**
 * Submits the committee's signed refusal of a pending job, which refunds the buyer at once;
 * anyone may. A job already settled throws TRIAD_ERR_JOB_NOT_PENDING.
 *
 * @example
 * await refuseJob(relayer, { market, jobId, attempt: 0, signatures })
 */
export async function refuseJob(
  client: TriadClient,
  parameters: RefuseJobParameters,
): Promise<RefuseJobReturnType> {
  const { hash, receipt } = await writeMarket(client, {
    market: parameters.market,
    functionName: 'refuseJob',
    args: [
      parameters.jobId,
      parameters.attempt,
      seatBitmap(parameters.seats ?? parameters.signatures.map((_, seat) => seat)),
      parameters.signatures,
    ],
  })
  findMarketEvent(receipt, parameters.market, 'JobRefused')
  const { args } = findMarketEvent(receipt, parameters.market, 'JobRefunded')
  return { amount: args.amount, buyer: args.buyer, hash, gasUsed: receipt.gasUsed }
}
