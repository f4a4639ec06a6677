import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { createWatcherMetrics, type WatcherMetrics } from '../observability/createWatcherMetrics.ts'
import type { NodeJobState } from './store.ts'

/** A node's Prometheus metrics, in its own registry: three nodes can run in one process. */
export interface NodeMetrics {
  readonly registry: Registry
  /** Uploads stored and receipted. */
  readonly uploadsAccepted: Counter
  /** Uploads refused, by error code (`TRIAD_ERR_UPLOAD_UNAUTHENTICATED`, ...). */
  readonly uploadsRejected: Counter<'reason'>
  /** How long each job attempt took at this node, by how it ended. */
  readonly jobDuration: Histogram<'outcome'>
  /** MPC frame bytes (session id, step and payload) sent to and received from each peer. */
  readonly mpcBytesSent: Counter<'peer'>
  readonly mpcBytesReceived: Counter<'peer'>
  /** JSON-RPC requests that failed after retries, by method and kind. */
  readonly chainRpcErrors: Counter<'method' | 'kind'>
  /** The chain watcher: the head it saw, the next block it reads, failed polls, reorganisations. */
  readonly watcher: WatcherMetrics
  /** Revoked contributions whose shares this node deleted. */
  readonly sharesPurged: Counter
}

export interface NodeMetricsSources {
  /** The number of job attempts in each state, read from the store at scrape time. */
  readonly jobStates: () => Record<NodeJobState['status'], number>
  /** Whether each peer is connected now. */
  readonly peers: () => readonly { readonly index: number; readonly connected: boolean }[]
}

/**
 * Creates a node's metrics. Counters and the histogram are fed by the code paths they measure;
 * job states and peer connections are read when Prometheus scrapes, so they are never stale.
 * Process metrics (CPU, memory, event loop lag, open files) come from prom-client's defaults.
 *
 * @example
 * const metrics = createNodeMetrics({ jobStates: () => store.countJobs(), peers })
 * metrics.uploadsRejected.inc({ reason: 'TRIAD_ERR_UPLOAD_UNAUTHENTICATED' })
 */
export function createNodeMetrics(sources: NodeMetricsSources): NodeMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  new Gauge({
    name: 'triad_node_jobs',
    help: 'Job attempts at this node by state (computing, done, failed).',
    labelNames: ['state'],
    registers,
    collect() {
      for (const [state, count] of Object.entries(sources.jobStates())) this.set({ state }, count)
    },
  })
  new Gauge({
    name: 'triad_node_mpc_peer_connected',
    help: '1 when the TLS link to the peer is up.',
    labelNames: ['peer'],
    registers,
    collect() {
      for (const peer of sources.peers()) {
        this.set({ peer: String(peer.index) }, peer.connected ? 1 : 0)
      }
    },
  })
  return {
    registry,
    uploadsAccepted: new Counter({
      name: 'triad_node_uploads_accepted_total',
      help: 'Seller uploads stored and receipted.',
      registers,
    }),
    uploadsRejected: new Counter({
      name: 'triad_node_uploads_rejected_total',
      help: 'Seller uploads refused, by error code.',
      labelNames: ['reason'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'triad_node_job_duration_seconds',
      help: 'Time from claiming a job attempt to its sealed, signed share (or its failure).',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers,
    }),
    mpcBytesSent: new Counter({
      name: 'triad_node_mpc_bytes_sent_total',
      help: 'MPC frame bytes sent to each peer.',
      labelNames: ['peer'],
      registers,
    }),
    mpcBytesReceived: new Counter({
      name: 'triad_node_mpc_bytes_received_total',
      help: 'MPC frame bytes received from each peer.',
      labelNames: ['peer'],
      registers,
    }),
    chainRpcErrors: new Counter({
      name: 'triad_node_chain_rpc_errors_total',
      help: 'JSON-RPC requests that failed after retries, by method and kind (unreachable, rpc, reverted).',
      labelNames: ['method', 'kind'],
      registers,
    }),
    watcher: createWatcherMetrics('triad_node', registers),
    sharesPurged: new Counter({
      name: 'triad_node_shares_purged_total',
      help: 'Revoked contributions whose shares were deleted once no job could use them.',
      registers,
    }),
  }
}
