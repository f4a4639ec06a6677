import type { Address } from 'viem'
import { getBlockNumber } from 'viem/actions'
import type { TriadError } from '../errors/index.ts'
import type { TriadReadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'
import { getJobEvents, type JobEvent } from './getJobEvents.ts'

export interface WatchJobsParameters {
  market: Address
  /** The first block to scan (a saved cursor, or the deployment block). */
  fromBlock: bigint
  /**
   * Called after each scanned block range (possibly with no events) with its events in chain
   * order and the next block to scan. The cursor
   * advances only after it resolves, so a consumer that persists `nextBlock` resumes exactly.
   */
  onEvents: (events: JobEvent[], nextBlock: bigint) => void | Promise<void>
  /** Called on a failed poll; polling continues. Default: ignore (errors are retryable). */
  onError?: (error: TriadError) => void
  /** Default 1000 ms. */
  pollingIntervalMs?: number
  /** Stay this many blocks behind the head, for chains that reorg. Default 0. */
  confirmations?: bigint
  /** The widest block range per eth_getLogs call. Default 5000. */
  maxBlockRange?: bigint
}

export interface WatchJobsReturnType {
  /** Stops polling and resolves once the current poll has finished. */
  stop: () => Promise<void>
}

/**
 * Polls the market's job events with `eth_getLogs` from a cursor (no websockets, no filters
 * kept on the node), delivering them in chain order.
 *
 * @example
 * const watcher = watchJobs(client, {
 *   market,
 *   fromBlock: cursor,
 *   onEvents: async (events, nextBlock) => { await handle(events); await saveCursor(nextBlock) },
 * })
 * // later
 * await watcher.stop()
 */
export function watchJobs(
  client: TriadReadClient,
  parameters: WatchJobsParameters,
): WatchJobsReturnType {
  const interval = parameters.pollingIntervalMs ?? 1000
  const confirmations = parameters.confirmations ?? 0n
  const maxRange = parameters.maxBlockRange ?? 5000n
  let cursor = parameters.fromBlock
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined

  const pollOnce = async () => {
    const head = await getBlockNumber(client, { cacheTime: 0 })
    const safeHead = head - confirmations
    while (!stopped && cursor <= safeHead) {
      const toBlock = cursor + maxRange - 1n < safeHead ? cursor + maxRange - 1n : safeHead
      const { events } = await getJobEvents(client, {
        market: parameters.market,
        fromBlock: cursor,
        toBlock,
      })
      await parameters.onEvents(events, toBlock + 1n)
      cursor = toBlock + 1n
    }
  }

  const loop = async () => {
    while (!stopped) {
      try {
        await pollOnce()
      } catch (error) {
        parameters.onError?.(decodeTriadError(error))
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, interval)
      })
    }
  }
  const running = loop()
  return {
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      wake?.()
      await running
    },
  }
}
