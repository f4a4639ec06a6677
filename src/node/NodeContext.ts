import type { Logger } from 'pino'
import type { LocalAccount } from 'viem'
import type { SourceVerification } from '../algorithms/index.ts'
import type { TriadReadClient } from '../chain/index.ts'
import type { ChainWatcher } from '../chain/watcher/index.ts'
import type { SessionMux } from '../mpc/session/index.ts'
import type { PartyIndex } from '../mpc/sharing/index.ts'
import type { PartyNetwork } from '../mpc/transport/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import type { NodeConfig } from './config.ts'
import type { NodeKeys } from './keys.ts'
import type { NodeMetrics } from './NodeMetrics.ts'
import type { NodeStore } from './store.ts'

/**
 * Everything a node's handlers need, passed explicitly: configuration, keys, the chain, the
 * store, the MPC network, the logger, the metrics and the shutdown signal. Nothing is global, so three nodes
 * run in one test process.
 */
export interface NodeContext {
  readonly config: NodeConfig
  readonly index: PartyIndex
  readonly market: MarketRef
  readonly keys: NodeKeys
  readonly signer: LocalAccount
  readonly chain: TriadReadClient
  /** Follows the market's events into the store's chain index. */
  readonly watcher: ChainWatcher
  readonly store: NodeStore
  readonly network: PartyNetwork
  /** One MPC session per job, multiplexed over the network. */
  readonly sessions: SessionMux
  readonly logger: Logger
  readonly metrics: NodeMetrics
  /** The algorithms whose source, re-hashed at start, matches their id. */
  readonly algorithmSources: SourceVerification
  readonly shutdown: AbortSignal
}
