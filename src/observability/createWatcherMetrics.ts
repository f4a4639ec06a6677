import type { Logger } from 'pino'
import { Counter, Gauge, type Registry } from 'prom-client'
import type { StartChainWatcherParameters } from '../chain/watcher/index.ts'

/** A chain watcher's metrics, the same for the node and the bridge (prefix aside). */
export interface WatcherMetrics {
  readonly head: Gauge
  readonly nextBlock: Gauge
  readonly pollFailures: Counter
  readonly reorgs: Counter
  readonly rolledBackBlocks: Counter
}

/**
 * The chain watcher's metrics under `prefix` (`triad_node`, `triad_bridge`).
 *
 * @example
 * const watcher = createWatcherMetrics('triad_node', [registry])
 */
export function createWatcherMetrics(prefix: string, registers: Registry[]): WatcherMetrics {
  return {
    head: new Gauge({
      name: `${prefix}_chain_head_block`,
      help: 'The latest block number the chain watcher saw.',
      registers,
    }),
    nextBlock: new Gauge({
      name: `${prefix}_watcher_next_block`,
      help: 'The next block the chain watcher reads events from (it stays `confirmations` behind the head).',
      registers,
    }),
    pollFailures: new Counter({
      name: `${prefix}_watcher_poll_failures_total`,
      help: 'Chain watcher polls that failed (RPC unreachable or erroring); each is retried with backoff.',
      registers,
    }),
    reorgs: new Counter({
      name: `${prefix}_watcher_reorgs_total`,
      help: 'Chain reorganisations that dropped blocks the watcher had read (their derived state was rolled back).',
      registers,
    }),
    rolledBackBlocks: new Counter({
      name: `${prefix}_watcher_rolled_back_blocks_total`,
      help: 'Blocks whose derived state was rolled back after reorganisations.',
      registers,
    }),
  }
}

/**
 * The watcher callbacks that feed its metrics and log what an operator must know: a failed poll
 * (warn, with the pause before the next), a reorganisation rolled back (warn), a deep one (error).
 *
 * @example
 * startChainWatcher(client, { ...parameters, ...watcherHooks(logger, metrics.watcher) })
 */
export function watcherHooks(
  logger: Logger,
  metrics: WatcherMetrics,
): Pick<StartChainWatcherParameters, 'onProgress' | 'onError' | 'onReorg'> {
  return {
    onProgress(progress) {
      metrics.head.set(Number(progress.head))
      metrics.nextBlock.set(Number(progress.nextBlock))
    },
    onError(error, retry) {
      if (error.code === 'TRIAD_ERR_REORG_TOO_DEEP') {
        logger.error({ code: error.code, details: error.details }, error.shortMessage)
        return
      }
      metrics.pollFailures.inc()
      logger.warn(
        {
          code: error.code,
          err: error.shortMessage,
          failures: retry.failures,
          retryInMs: retry.retryInMs,
        },
        'chain watcher poll failed; retrying',
      )
    },
    onReorg(reorg) {
      metrics.reorgs.inc()
      metrics.rolledBackBlocks.inc(Number(reorg.depth))
      logger.warn(
        {
          fromBlock: reorg.fromBlock.toString(),
          depth: reorg.depth.toString(),
          ancestor: reorg.ancestor?.number.toString() ?? null,
        },
        'chain reorganisation: state derived from dropped blocks rolled back',
      )
    },
  }
}
