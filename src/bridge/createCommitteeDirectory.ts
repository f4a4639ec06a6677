import type { Address } from 'viem'
import { readCommittee, readPool, type TriadReadClient } from '../chain/index.ts'
import type { NodeApi } from '../client/nodeApiClient.ts'

/** A pool's committee as the bridge relays to it. */
export interface PoolCommittee {
  /** The nodes' APIs, in seat order. */
  readonly nodes: readonly NodeApi[]
  /** How many seats must sign a result or a refusal. */
  readonly threshold: number
}

export interface CommitteeDirectory {
  /** The committee of a pool, read from the chain at most once per `ttlMs`. */
  of(poolId: bigint): Promise<PoolCommittee>
  /** Forgets a pool's committee (after a node answered with another certificate, say). */
  forget(poolId: bigint): void
}

/**
 * The committees the bridge relays to, by pool, cached for `ttlMs`: a pool's committee id and
 * threshold never change, but a node of the committee can be rotated, so its records are read
 * again after the cache time.
 *
 * @example
 * const committees = createCommitteeDirectory(client, market, 30_000)
 * const { nodes } = await committees.of(poolId)
 */
export function createCommitteeDirectory(
  client: TriadReadClient,
  market: Address,
  ttlMs: number,
): CommitteeDirectory {
  const cache = new Map<bigint, { at: number; committee: Promise<PoolCommittee> }>()
  return {
    of(poolId) {
      const hit = cache.get(poolId)
      if (hit && Date.now() - hit.at < ttlMs) return hit.committee
      const committee = (async () => {
        const pool = await readPool(client, { market, poolId })
        const nodes = await readCommittee(client, { market, committeeId: pool.committeeId })
        return { nodes, threshold: pool.threshold }
      })()
      cache.set(poolId, { at: Date.now(), committee })
      committee.catch(() => cache.delete(poolId))
      return committee
    },
    forget(poolId) {
      cache.delete(poolId)
    },
  }
}
