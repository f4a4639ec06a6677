import { type AbiEvent, type Address, getAbiItem, type Hash, type Hex } from 'viem'
import { getBlockNumber, getLogs } from 'viem/actions'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { splitJobId } from '../protocol/jobId.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'
import { seatsOf } from './submitResult.ts'

interface LogPosition {
  blockNumber: bigint
  transactionHash: Hash
  logIndex: number
}

/** A job lifecycle event from the market, in chain order. */
export type JobEvent =
  | (LogPosition & {
      kind: 'requested'
      jobId: bigint
      poolId: bigint
      buyer: Address
      algorithmId: Hex
      params: Hex
      buyerKey: Hex
      deadline: bigint
      /** The job's index among its pool's jobs (jobId's low 64 bits). */
      sequence: bigint
      rowsSnapshot: bigint
      /** Distinct sellers with an active contribution at request (not contributions). */
      contributorsSnapshot: number
      price: bigint
    })
  | (LogPosition & {
      kind: 'completed'
      jobId: bigint
      poolId: bigint
      /** The MPC run every node signed; the shares all come from it. */
      attempt: number
      /** The seats whose shares follow, ascending. */
      seats: readonly number[]
      /** Seat `seats[i]`'s result share, sealed to the buyer. */
      sealedShares: readonly Hex[]
    })
  | (LogPosition & {
      /** Refunded after its deadline or on the committee's refusal. */
      kind: 'refunded'
      jobId: bigint
      poolId: bigint
      buyer: Address
      amount: bigint
    })

const events = [
  getAbiItem({ abi: triadMarketAbi, name: 'JobRequested' }),
  getAbiItem({ abi: triadMarketAbi, name: 'JobCompleted' }),
  getAbiItem({ abi: triadMarketAbi, name: 'JobRefunded' }),
] as const satisfies readonly AbiEvent[]

export interface GetJobEventsParameters {
  market: Address
  fromBlock: bigint
  /** Inclusive; default the latest block. */
  toBlock?: bigint
}

export interface GetJobEventsReturnType {
  events: JobEvent[]
  /** The last block scanned; continue from `toBlock + 1n`. */
  toBlock: bigint
}

/**
 * Reads JobRequested, JobCompleted and JobRefunded logs of the market in a block range, in
 * chain order. Plain `eth_getLogs`: works against any JSON-RPC endpoint.
 *
 * @example
 * const { events, toBlock } = await getJobEvents(client, { market, fromBlock: deployBlock })
 */
export async function getJobEvents(
  client: TriadReadClient,
  parameters: GetJobEventsParameters,
): Promise<GetJobEventsReturnType> {
  try {
    const toBlock = parameters.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }))
    if (toBlock < parameters.fromBlock) return { events: [], toBlock }
    const logs = await getLogs(client, {
      address: parameters.market,
      events,
      fromBlock: parameters.fromBlock,
      toBlock,
      strict: true,
    })
    const out: JobEvent[] = []
    for (const log of logs) {
      if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null)
        continue
      const position = {
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        logIndex: log.logIndex,
      }
      if (log.eventName === 'JobRequested') {
        const { sequence } = splitJobId(log.args.jobId)
        out.push({ kind: 'requested', ...position, ...log.args, sequence })
      } else if (log.eventName === 'JobCompleted') {
        out.push({ kind: 'completed', ...position, ...log.args, seats: seatsOf(log.args.seats) })
      } else out.push({ kind: 'refunded', ...position, ...log.args })
    }
    out.sort((a, b) =>
      a.blockNumber === b.blockNumber
        ? a.logIndex - b.logIndex
        : a.blockNumber < b.blockNumber
          ? -1
          : 1,
    )
    return { events: out, toBlock }
  } catch (error) {
    throw decodeTriadError(error)
  }
}
