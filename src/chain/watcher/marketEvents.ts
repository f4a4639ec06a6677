import { type AbiEvent, type Address, getAbiItem, type Hash, type Hex, type Log } from 'viem'
import { triadMarketAbi } from '../../protocol/abi/generated/index.ts'
import { splitJobId } from '../../protocol/jobId.ts'
import { seatsOf } from '../submitResult.ts'

/** Where a log sits on chain; the block hash is what a reorganisation changes. */
export interface LogPosition {
  readonly blockNumber: bigint
  readonly blockHash: Hash
  readonly transactionHash: Hash
  readonly logIndex: number
}

/**
 * The market events the services derive state from, decoded and tagged by kind: contributions
 * and revocations (the node's index of what each job computes over) and the job lifecycle
 * (requested, completed, refused, refunded).
 */
export type MarketEvent = LogPosition &
  (
    | {
        readonly kind: 'contributed'
        readonly poolId: bigint
        readonly seller: Address
        readonly commitment: Hex
        /** The contribution's index among its pool's contributions. */
        readonly index: bigint
        readonly rows: bigint
        /** The pool's job count when it joined: it is used by jobs with sequence >= joinedAt. */
        readonly joinedAt: bigint
      }
    | {
        readonly kind: 'revoked'
        readonly poolId: bigint
        readonly seller: Address
        readonly commitment: Hex
        readonly index: bigint
        /** Jobs with sequence >= revokedAt no longer use it. */
        readonly revokedAt: bigint
      }
    | {
        readonly kind: 'requested'
        readonly jobId: bigint
        readonly poolId: bigint
        /** The job's index among its pool's jobs (jobId's low 64 bits). */
        readonly sequence: bigint
        readonly buyer: Address
        readonly algorithmId: Hex
        readonly params: Hex
        readonly buyerKey: Hex
        readonly deadline: bigint
        readonly rowsSnapshot: bigint
        readonly contributorsSnapshot: number
        readonly price: bigint
      }
    | {
        readonly kind: 'completed'
        readonly jobId: bigint
        readonly poolId: bigint
        readonly attempt: number
        readonly seats: readonly number[]
        readonly sealedShares: readonly Hex[]
      }
    | {
        readonly kind: 'refused'
        readonly jobId: bigint
        readonly poolId: bigint
        readonly attempt: number
        readonly seats: readonly number[]
      }
    | {
        readonly kind: 'refunded'
        readonly jobId: bigint
        readonly poolId: bigint
        readonly buyer: Address
        readonly amount: bigint
      }
  )

export type MarketEventKind = MarketEvent['kind']

/** The ABI events behind each kind. */
export const marketEventAbis = {
  contributed: getAbiItem({ abi: triadMarketAbi, name: 'Contributed' }),
  revoked: getAbiItem({ abi: triadMarketAbi, name: 'ContributionRevoked' }),
  requested: getAbiItem({ abi: triadMarketAbi, name: 'JobRequested' }),
  completed: getAbiItem({ abi: triadMarketAbi, name: 'JobCompleted' }),
  refused: getAbiItem({ abi: triadMarketAbi, name: 'JobRefused' }),
  refunded: getAbiItem({ abi: triadMarketAbi, name: 'JobRefunded' }),
} as const satisfies Record<MarketEventKind, AbiEvent>

/** Every kind, for a consumer that wants them all. */
export const allMarketEventKinds = Object.keys(marketEventAbis) as readonly MarketEventKind[]

/** A decoded log as `getLogs({ events, strict: true })` returns it. */
type DecodedLog = Log<bigint, number, false, undefined, true, typeof allAbis>
const allAbis = Object.values(marketEventAbis)

/**
 * Turns decoded market logs into MarketEvents in chain order (block, then log index). Logs of
 * a pending block (no number or hash yet) are skipped.
 *
 * @example
 * const logs = await getLogs(client, { address: market, events: Object.values(marketEventAbis), fromBlock, toBlock, strict: true })
 * const events = toMarketEvents(logs)
 */
export function toMarketEvents(logs: readonly DecodedLog[]): MarketEvent[] {
  const out: MarketEvent[] = []
  for (const log of logs) {
    if (
      log.blockNumber === null ||
      log.blockHash === null ||
      log.transactionHash === null ||
      log.logIndex === null
    )
      continue
    const position: LogPosition = {
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
    }
    switch (log.eventName) {
      case 'Contributed':
        out.push({ kind: 'contributed', ...position, ...log.args })
        break
      case 'ContributionRevoked':
        out.push({ kind: 'revoked', ...position, ...log.args })
        break
      case 'JobRequested':
        out.push({
          kind: 'requested',
          ...position,
          ...log.args,
          sequence: splitJobId(log.args.jobId).sequence,
        })
        break
      case 'JobCompleted':
        out.push({ kind: 'completed', ...position, ...log.args, seats: seatsOf(log.args.seats) })
        break
      case 'JobRefused':
        out.push({ kind: 'refused', ...position, ...log.args, seats: seatsOf(log.args.seats) })
        break
      case 'JobRefunded':
        out.push({ kind: 'refunded', ...position, ...log.args })
        break
    }
  }
  return out.sort((a, b) =>
    a.blockNumber === b.blockNumber
      ? a.logIndex - b.logIndex
      : a.blockNumber < b.blockNumber
        ? -1
        : 1,
  )
}
