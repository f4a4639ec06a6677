import type { Address, Hash } from 'viem'
import { getBlock, getBlockNumber, getLogs } from 'viem/actions'
import { sleep } from '../../async/sleep.ts'
import { TriadError } from '../../errors/index.ts'
import type { TriadReadClient } from '../createTriadClient.ts'
import { decodeTriadError } from '../decodeTriadError.ts'
import {
  allMarketEventKinds,
  type MarketEvent,
  type MarketEventKind,
  marketEventAbis,
  toMarketEvents,
} from './marketEvents.ts'

/** A block the watcher has read, by number and hash. */
export interface BlockRef {
  readonly number: bigint
  readonly hash: Hash
}

/**
 * Where a watcher stands: the next block it will read, and the hashes of the recent blocks it
 * read (ascending; the last is the last block read), against which it detects reorganisations.
 */
export interface WatcherPosition {
  readonly nextBlock: bigint
  readonly recent: readonly BlockRef[]
}

/** What one read of a block range delivers. */
export interface WatcherUpdate {
  readonly fromBlock: bigint
  readonly toBlock: bigint
  /** The range's events, in chain order. */
  readonly events: readonly MarketEvent[]
  /** The position after the range: save it with what the events derive, atomically. */
  readonly position: WatcherPosition
  /** The timestamp of block `toBlock` (unix seconds): chain time as of this update. */
  readonly timestamp: bigint
}

/**
 * Where a consumer keeps what it derives from the chain together with the watcher's position,
 * so that both move in one transaction (SQLite in the node and the bridge): after a crash the
 * watcher resumes exactly where the derived state ends.
 */
export interface WatcherStore {
  /** The saved position; undefined before the first range was applied. */
  position(): WatcherPosition | undefined
  /** Derives state from a range's events and saves `update.position`, atomically. */
  apply(update: WatcherUpdate): void | Promise<void>
  /**
   * Drops everything derived from blocks `>= fromBlock` (they left the canonical chain) and
   * saves `position`, atomically.
   */
  rollBack(fromBlock: bigint, position: WatcherPosition): void | Promise<void>
}

/** What the watcher reports after every poll, for health and metrics. */
export interface WatcherProgress {
  /** The chain's latest block. */
  readonly head: bigint
  /** The newest block the watcher may read: `head - confirmations`. */
  readonly safeHead: bigint
  readonly nextBlock: bigint
}

/** A reorganisation the watcher rolled back. */
export interface WatcherReorg {
  /** The first block whose derived state was dropped. */
  readonly fromBlock: bigint
  /** How many read blocks left the chain (`nextBlock` before minus `fromBlock`). */
  readonly depth: bigint
  /** The newest block read that is still on the chain, or undefined when none was found. */
  readonly ancestor: BlockRef | undefined
}

export interface StartChainWatcherParameters {
  readonly market: Address
  readonly store: WatcherStore
  /** Where to start when the store has no position: the market's deployment block. */
  readonly startBlock: bigint
  /** Which events to read. Default: all of `MarketEventKind`. */
  readonly kinds?: readonly MarketEventKind[]
  /**
   * Blocks to stay behind the head: a block is read once this many blocks sit on top of it.
   * 0 on a chain that does not reorganise (anvil), more on a public chain. Default 0.
   */
  readonly confirmations?: number
  /** The widest range per eth_getLogs (public endpoints cap it). Default 2,000. */
  readonly maxBlockRange?: number
  /** The pause between polls, in ms. Default 1,000. */
  readonly pollIntervalMs?: number
  /** The longest pause after failed polls (the pause doubles per failure). Default 30,000 ms. */
  readonly maxBackoffMs?: number
  /**
   * How many blocks behind the last block read to keep hashes of, to find where a
   * reorganisation forked. Default 256 (and at least 2 × confirmations + 16).
   */
  readonly keepBlocks?: number
  readonly onProgress?: (progress: WatcherProgress) => void
  /** A poll failed (RPC down, a malformed answer); the watcher retries after `retryInMs`. */
  readonly onError?: (error: TriadError, retry: { failures: number; retryInMs: number }) => void
  /** Derived state of blocks that left the chain was rolled back. */
  readonly onReorg?: (reorg: WatcherReorg) => void
  /** The watcher stops when it aborts (as `stop()`). */
  readonly signal?: AbortSignal
}

export interface ChainWatcher {
  /** The last progress reported, or undefined before the first successful poll. */
  readonly progress: WatcherProgress | undefined
  /** The consecutive failed polls so far (0 when the last poll succeeded). */
  readonly failures: number
  /** Polls now instead of at the end of the current pause (e.g. when a job id is unknown). */
  poke(): void
  /**
   * Polls now and resolves true once a poll that started after this call has ended (whether
   * it succeeded or not), or false after `timeoutMs`.
   */
  nextPoll(timeoutMs: number): Promise<boolean>
  /** Stops polling; resolves once the current poll has finished. */
  stop(): Promise<void>
}

/**
 * Follows the market's events from a saved position: polls `eth_getLogs` in bounded block
 * ranges up to `confirmations` blocks behind the head, and hands each range's events to the
 * store, which saves them with the new position atomically (so a restart resumes exactly).
 *
 * - **Reorganisations.** Before reading on, it checks that the last block it read is still on
 *   the chain and that the next range's first block has it as parent. When not, it walks back
 *   through the hashes it kept to the newest block still on the chain and has the store roll
 *   back everything derived from later blocks, then reads them again. Deeper than it keeps
 *   (`keepBlocks`), it rolls back to `startBlock` and reads everything again
 *   (TRIAD_ERR_REORG_TOO_DEEP, reported through `onError`).
 * - **Outages.** A failed poll is reported (`onError`) and retried after a pause that doubles
 *   up to `maxBackoffMs`; nothing is lost, since the position only moves with applied ranges.
 *   A range the endpoint refuses as too large is halved.
 *
 * Works against any EVM JSON-RPC endpoint (one node, or a provider that answers consistently).
 *
 * @example
 * const watcher = startChainWatcher(client, { market, startBlock: deployBlock, store, confirmations: 2 })
 * // ...
 * await watcher.stop()
 */
export function startChainWatcher(
  client: TriadReadClient,
  parameters: StartChainWatcherParameters,
): ChainWatcher {
  const confirmations = BigInt(parameters.confirmations ?? 0)
  const pollIntervalMs = parameters.pollIntervalMs ?? 1_000
  const maxBackoffMs = parameters.maxBackoffMs ?? 30_000
  const keepBlocks = BigInt(Math.max(parameters.keepBlocks ?? 256, 2 * Number(confirmations) + 16))
  const events = (parameters.kinds ?? allMarketEventKinds).map((kind) => marketEventAbis[kind])
  let range = BigInt(parameters.maxBlockRange ?? 2_000)
  const { store } = parameters

  const stopping = new AbortController()
  const onAbort = () => stopping.abort()
  parameters.signal?.addEventListener('abort', onAbort, { once: true })
  let pause = new AbortController()
  let progress: WatcherProgress | undefined
  let failures = 0
  /** Polls ended so far, and whether one is under way. */
  let polls = 0
  let polling = false
  const pollWaiters = new Set<() => void>()

  const blockAt = async (number: bigint) => {
    const block = await getBlock(client, { blockNumber: number, includeTransactions: false })
    if (block.hash === null) {
      throw new TriadError('TRIAD_ERR_CHAIN_UNREACHABLE', `Block ${number} has no hash yet`, {
        retryable: true,
      })
    }
    return { number, hash: block.hash, parentHash: block.parentHash, timestamp: block.timestamp }
  }

  const positionNow = (): WatcherPosition =>
    store.position() ?? { nextBlock: parameters.startBlock, recent: [] }

  async function rollBackFrom(position: WatcherPosition, head: bigint): Promise<void> {
    let ancestor: BlockRef | undefined
    for (let i = position.recent.length - 1; i >= 0; i--) {
      const ref = position.recent[i]!
      if (ref.number > head) continue
      if ((await blockAt(ref.number)).hash === ref.hash) {
        ancestor = ref
        break
      }
    }
    const fromBlock = ancestor ? ancestor.number + 1n : parameters.startBlock
    const kept = ancestor ? position.recent.filter((ref) => ref.number <= ancestor.number) : []
    await store.rollBack(fromBlock, { nextBlock: fromBlock, recent: kept })
    parameters.onReorg?.({ fromBlock, depth: position.nextBlock - fromBlock, ancestor })
    if (!ancestor) {
      parameters.onError?.(
        new TriadError(
          'TRIAD_ERR_REORG_TOO_DEEP',
          'The chain reorganised deeper than the blocks this watcher keeps',
          {
            details: `none of the ${position.recent.length} kept block hashes up to block ${position.nextBlock - 1n} is on the chain any more`,
            hint: 'Everything was read again from the start block. Raise `confirmations` for this chain.',
          },
        ),
        { failures: 0, retryInMs: 0 },
      )
    }
  }

  /** The logs of [fromBlock, toBlock], or of a narrower range when the endpoint caps it. */
  async function readLogs(fromBlock: bigint, toBlock: bigint) {
    for (;;) {
      try {
        const logs = await getLogs(client, {
          address: parameters.market,
          events,
          fromBlock,
          toBlock,
          strict: true,
        })
        return { logs, toBlock }
      } catch (error) {
        // Providers cap the range or the result count: halve and try again, down to one block.
        if (toBlock > fromBlock && looksLikeRangeLimit(error)) {
          toBlock = fromBlock + (toBlock - fromBlock) / 2n
          range = toBlock - fromBlock + 1n
          continue
        }
        throw error
      }
    }
  }

  async function pollOnce(): Promise<void> {
    const head = await getBlockNumber(client, { cacheTime: 0 })
    let position = positionNow()
    const tip = position.recent.at(-1)
    // Is the last block read still on the chain? (A reorg may keep the height the same.)
    if (tip && (tip.number > head || (await blockAt(tip.number)).hash !== tip.hash)) {
      await rollBackFrom(position, head)
      position = positionNow()
    }
    const safeHead = head - confirmations
    while (!stopping.signal.aborted && position.nextBlock <= safeHead) {
      const fromBlock = position.nextBlock
      const toBlock = fromBlock + range - 1n < safeHead ? fromBlock + range - 1n : safeHead
      const last = await blockAt(toBlock)
      const first = toBlock === fromBlock ? last : await blockAt(fromBlock)
      const previous = position.recent.at(-1)
      if (previous && previous.number === fromBlock - 1n && first.parentHash !== previous.hash) {
        await rollBackFrom(position, head)
        position = positionNow()
        continue
      }
      // readLogs may narrow the range: only blocks up to `end` were read.
      const { logs, toBlock: end } = await readLogs(fromBlock, toBlock)
      const endRef = end === toBlock ? last : await blockAt(end)
      const ranged = logs.filter((log) => log.blockNumber !== null && log.blockNumber <= end)
      if (ranged.some((log) => log.blockNumber === end && log.blockHash !== endRef.hash)) {
        // The chain moved between reading the block and its logs: read the range again.
        continue
      }
      const seen = new Map<bigint, Hash>()
      for (const log of ranged) {
        if (log.blockNumber !== null && log.blockHash !== null)
          seen.set(log.blockNumber, log.blockHash)
      }
      // The range's first block and its parent are known too: more points to fork from.
      if (fromBlock > 0n) seen.set(fromBlock - 1n, first.parentHash)
      seen.set(fromBlock, first.hash)
      seen.set(end, endRef.hash)
      const recent = [
        ...position.recent.filter((ref) => !seen.has(ref.number)),
        ...[...seen.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([number, hash]) => ({ number, hash })),
      ].filter((ref, index, all) => index === all.length - 1 || ref.number + keepBlocks > end)
      const next: WatcherPosition = { nextBlock: end + 1n, recent }
      await store.apply({
        fromBlock,
        toBlock: end,
        events: toMarketEvents(ranged),
        position: next,
        timestamp: endRef.timestamp,
      })
      position = next
    }
    progress = { head, safeHead, nextBlock: position.nextBlock }
    parameters.onProgress?.(progress)
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let waitMs = pollIntervalMs
      polling = true
      try {
        await pollOnce()
        failures = 0
      } catch (error) {
        failures += 1
        waitMs = Math.min(maxBackoffMs, pollIntervalMs * 2 ** failures)
        parameters.onError?.(decodeTriadError(error), { failures, retryInMs: waitMs })
      }
      polling = false
      polls += 1
      for (const check of [...pollWaiters]) check()
      if (stopping.signal.aborted) break
      // Someone waits for a poll that starts after their call: run it now (unless failing).
      if (pollWaiters.size > 0 && failures === 0) continue
      await sleep(waitMs, AbortSignal.any([stopping.signal, pause.signal]))
      if (pause.signal.aborted) pause = new AbortController()
    }
  })()

  return {
    get progress() {
      return progress
    },
    get failures() {
      return failures
    },
    poke() {
      pause.abort()
    },
    nextPoll(timeoutMs) {
      // A poll under way may have started before the caller's event: wait for the one after.
      const target = polls + (polling ? 2 : 1)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pollWaiters.delete(check)
          resolve(false)
        }, timeoutMs)
        const check = () => {
          if (polls < target) return
          clearTimeout(timer)
          pollWaiters.delete(check)
          resolve(true)
        }
        pollWaiters.add(check)
        pause.abort()
      })
    },
    async stop() {
      stopping.abort()
      parameters.signal?.removeEventListener('abort', onAbort)
      await loop
    },
  }
}

/** Whether an eth_getLogs failure says the range or result set is too large. */
function looksLikeRangeLimit(error: unknown): boolean {
  const text = String((error as { details?: string })?.details ?? '') + String(error)
  if (/HTTP request failed|fetch failed|ECONNREFUSED|timed? ?out/i.test(text)) return false
  return /block range|range (is )?too|too many (results|blocks)|more than \d+ (results|blocks)|limit exceeded|query returned more than|-32005/i.test(
    text,
  )
}
