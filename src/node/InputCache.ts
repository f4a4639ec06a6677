import type { Address, Hex } from 'viem'
import { decodeReplicatedShare, type ReplicatedShare } from '../mpc/sharing/index.ts'
import type { StoredUpload } from './store.ts'

/** What names a contribution's shares at a node: its pool, seller and commitment. */
export interface ContributionKey {
  readonly poolId: bigint
  readonly seller: Address
  readonly commitment: Hex
}

/** Decoded shares are kept up to this many bytes (least recently used leave first). */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024

const keyText = (contribution: ContributionKey) =>
  `${contribution.poolId}:${contribution.seller.toLowerCase()}:${contribution.commitment.toLowerCase()}`

/**
 * The node's memory of job inputs across jobs, so a job over thousands of contributions does
 * not read and decode each one again: the decoded shares (read from the store once, kept up to
 * a byte budget, least recently used leave first), and the contributions the three nodes have
 * already found consistent together (`verifyInputs` checks only the others). Shares never change
 * once stored (they are named by their commitment), so neither memory goes stale; a revoked
 * contribution's entry is evicted when the store deletes its shares.
 *
 * @example
 * const inputs = new InputCache((key) => store.findUpload(key.poolId, key.seller, key.commitment))
 * const share = inputs.share({ poolId, seller, commitment })
 */
export class InputCache {
  readonly #load: (key: ContributionKey) => StoredUpload | undefined
  readonly #maxBytes: number
  readonly #shares = new Map<string, ReplicatedShare>()
  readonly #verified = new Set<string>()
  /** Keys of the contribution objects seen (the chain index hands out the same ones per job). */
  readonly #keys = new WeakMap<object, string>()
  #bytes = 0

  constructor(
    load: (key: ContributionKey) => StoredUpload | undefined,
    maxBytes = DEFAULT_MAX_BYTES,
  ) {
    this.#load = load
    this.#maxBytes = maxBytes
  }

  /** A contribution's key, computed once per object. */
  #keyOf(contribution: ContributionKey): string {
    let key = this.#keys.get(contribution)
    if (key === undefined) {
      key = keyText(contribution)
      this.#keys.set(contribution, key)
    }
    return key
  }

  /** The contribution's decoded share at this node, or undefined when the node holds none. */
  share(contribution: ContributionKey): ReplicatedShare | undefined {
    const key = this.#keyOf(contribution)
    const cached = this.#shares.get(key)
    if (cached) {
      // Most recently used last.
      this.#shares.delete(key)
      this.#shares.set(key, cached)
      return cached
    }
    const upload = this.#load(contribution)
    if (!upload) return undefined
    const share = decodeReplicatedShare(upload.share)
    this.#shares.set(key, share)
    this.#bytes += share.first.byteLength + share.second.byteLength
    for (const [oldest, entry] of this.#shares) {
      if (this.#bytes <= this.#maxBytes || oldest === key) break
      this.#shares.delete(oldest)
      this.#bytes -= entry.first.byteLength + entry.second.byteLength
    }
    return share
  }

  /** Whether the three nodes found this contribution's sharing consistent in an earlier job. */
  isVerified(contribution: ContributionKey): boolean {
    return this.#verified.has(this.#keyOf(contribution))
  }

  /** Remembers contributions the three nodes just found consistent together. */
  markVerified(contributions: readonly ContributionKey[]): void {
    for (const contribution of contributions) this.#verified.add(this.#keyOf(contribution))
  }

  /** Forgets a contribution whose shares the store deleted (revoked). */
  evict(contribution: ContributionKey): void {
    const key = keyText(contribution)
    const share = this.#shares.get(key)
    if (share) {
      this.#shares.delete(key)
      this.#bytes -= share.first.byteLength + share.second.byteLength
    }
    this.#verified.delete(key)
  }

  /** How many decoded shares are in memory. */
  get size(): number {
    return this.#shares.size
  }
}
