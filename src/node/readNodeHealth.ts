import { partyIndices } from '../mpc/sharing/index.ts'
import { type ChainProbe, probeChain } from '../observability/probeChain.ts'
import type { NodeContext } from './NodeContext.ts'

/** What a node's `/healthz` reports. */
export interface NodeHealth {
  /** The chain answers, both peers are connected and the node is not stopping. */
  readonly ready: boolean
  readonly index: number
  readonly chain: ChainProbe
  readonly peers: readonly { readonly index: number; readonly connected: boolean }[]
  /** The chain watcher: the next block it reads, how far behind the head, failed polls in a row. */
  readonly watcher: {
    readonly nextBlock: string | null
    readonly lagBlocks: number | null
    readonly failures: number
  }
  readonly jobsRunning: number
  readonly shuttingDown: boolean
}

/**
 * A node's readiness: it can take work when its chain endpoint answers (it checks every job
 * there) and both MPC peers are connected (every job needs them).
 *
 * @example
 * const { ready } = await readNodeHealth(context, jobs.running)
 */
export async function readNodeHealth(
  context: Pick<NodeContext, 'index' | 'network' | 'chain' | 'shutdown' | 'watcher'>,
  jobsRunning: number,
): Promise<NodeHealth> {
  const peers = partyIndices
    .filter((peer) => peer !== context.index)
    .map((peer) => ({ index: peer, connected: context.network.isConnected(peer) }))
  const chain = await probeChain(context.chain)
  const shuttingDown = context.shutdown.aborted
  const progress = context.watcher.progress
  return {
    ready: chain.reachable && peers.every((peer) => peer.connected) && !shuttingDown,
    index: context.index,
    chain,
    peers,
    watcher: {
      nextBlock: progress?.nextBlock.toString() ?? null,
      lagBlocks:
        progress && chain.reachable
          ? Math.max(0, Number(BigInt(chain.block) + 1n - progress.nextBlock))
          : null,
      failures: context.watcher.failures,
    },
    jobsRunning,
    shuttingDown,
  }
}
