import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { createWatcherMetrics, type WatcherMetrics } from '../observability/createWatcherMetrics.ts'
import type { BridgeJobStatus } from './store.ts'

/** A bridge's Prometheus metrics, in its own registry. */
export interface BridgeMetrics {
  readonly registry: Registry
  /** Result transactions, by outcome: `settled`, `lost_race` (another bridge settled first: nothing sent). */
  readonly submissions: Counter<'outcome'>
  /** Refund transactions sent for jobs past their deadline. */
  readonly refunds: Counter
  /** Gas used by this bridge's transactions, by function (`submitResult`, `refund`, `refuseJob`). */
  readonly gasUsed: Counter<'tx'>
  /** Transactions signed again with higher fees because they were not mined in time. */
  readonly feeBumps: Counter<'tx'>
  /** Attempts the committee lost (a peer down, a lagging RPC) and this bridge restarted. */
  readonly attemptsRetried: Counter
  /** Seconds from when this bridge took up a job to its settlement on chain. */
  readonly jobDuration: Histogram
  /** JSON-RPC requests that failed after retries, by method and kind. */
  readonly chainRpcErrors: Counter<'method' | 'kind'>
  /** The chain watcher: head, next block, failed polls, reorganisations. */
  readonly watcher: WatcherMetrics
}

/**
 * Creates a bridge's metrics. Job states are read from the store at scrape time.
 *
 * @example
 * const metrics = createBridgeMetrics({ jobStates: () => store.countJobs() })
 */
export function createBridgeMetrics(sources: {
  readonly jobStates: () => Record<BridgeJobStatus, number>
  /** Transactions sent and not mined yet. */
  readonly pendingTransactions: () => number
}): BridgeMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  new Gauge({
    name: 'triad_bridge_jobs',
    help: 'Jobs this bridge knows, by state (queued, computing, refused, submitted, settled, refunded, dropped).',
    labelNames: ['state'],
    registers,
    collect() {
      for (const [state, count] of Object.entries(sources.jobStates())) this.set({ state }, count)
    },
  })
  new Gauge({
    name: 'triad_bridge_transactions_pending',
    help: 'Transactions this bridge sent that are not mined yet.',
    registers,
    collect() {
      this.set(sources.pendingTransactions())
    },
  })
  return {
    registry,
    submissions: new Counter({
      name: 'triad_bridge_submissions_total',
      help: 'Result submissions, by outcome (settled: mined; lost_race: another submitter was first, nothing sent).',
      labelNames: ['outcome'],
      registers,
    }),
    refunds: new Counter({
      name: 'triad_bridge_refunds_total',
      help: 'Refunds of jobs past their deadline sent by this bridge.',
      registers,
    }),
    gasUsed: new Counter({
      name: 'triad_bridge_gas_used_total',
      help: "Gas used by this bridge's transactions, by kind.",
      labelNames: ['tx'],
      registers,
    }),
    attemptsRetried: new Counter({
      name: 'triad_bridge_attempts_retried_total',
      help: 'MPC attempts that failed at a node for a retryable reason and were started again.',
      registers,
    }),
    jobDuration: new Histogram({
      name: 'triad_bridge_job_duration_seconds',
      help: 'Time from this bridge taking up a job to its settlement on chain.',
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
      registers,
    }),
    chainRpcErrors: new Counter({
      name: 'triad_bridge_chain_rpc_errors_total',
      help: 'JSON-RPC requests that failed after retries, by method and kind (unreachable, rpc, reverted).',
      labelNames: ['method', 'kind'],
      registers,
    }),
    feeBumps: new Counter({
      name: 'triad_bridge_fee_bumps_total',
      help: 'Transactions signed again with higher fees because they were not mined in time.',
      labelNames: ['tx'],
      registers,
    }),
    watcher: createWatcherMetrics('triad_bridge', registers),
  }
}
