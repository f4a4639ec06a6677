import type Database from 'better-sqlite3'
import { type Address, getAddress, type Hash, type Hex } from 'viem'
import type { JobRequest } from '../chain/index.ts'
import type {
  MarketEvent,
  WatcherPosition,
  WatcherStore,
  WatcherUpdate,
} from '../chain/watcher/index.ts'
import { relaxedSync } from '../storage/relaxedSync.ts'
import { WatcherPositionTable } from '../storage/WatcherPositionTable.ts'

/** A job request as the index holds it: the request and the block that carries it. */
export interface IndexedJobRequest extends JobRequest {
  readonly blockHash: Hash
}

/** One contribution a job computes over. */
export interface SnapshotContribution {
  readonly poolId: bigint
  /** Its index among the pool's contributions (on chain it is named by pool, seller, commitment). */
  readonly contributionId: bigint
  readonly seller: Address
  readonly rows: bigint
  readonly commitment: Hex
}

/** What an applied range changed, for the node's log and metrics. */
export interface IndexChanges {
  readonly contributions: number
  readonly revocations: number
  readonly requests: number
  readonly outcomes: number
  /** Revoked contributions whose shares were deleted from this node (no job can use them). */
  readonly purged: readonly { poolId: bigint; seller: Address; commitment: Hex }[]
}

/** What a rollback dropped. */
export interface IndexRollback {
  /** Job requests that left the chain. */
  readonly droppedJobs: readonly bigint[]
  /** Attempts of those jobs that were computing or done here: they are failed, never served. */
  readonly failedAttempts: number
}

/**
 * The node's index of the market, derived from the chain watcher's events and kept in the
 * node's SQLite file beside the shares (so a range's rows, the watcher's position and any
 * purge of revoked shares commit together): every contribution with its `joinedAt` and
 * `revokedAt`, every job request, and each job's outcome. Jobs read what to compute from here
 * instead of scanning logs.
 *
 * A rollback (blocks that left the chain) drops the rows those blocks carried; attempts computed
 * for a dropped request are failed, so their shares are never handed out. Shares of a revoked
 * contribution are deleted (`secure_delete`) once no job can use them any more: every job of its
 * pool with `joinedAt <= sequence < revokedAt` is settled, refunded or past its deadline.
 */
export class ChainIndex implements WatcherStore {
  readonly #db: Database.Database
  readonly #position: WatcherPositionTable
  /** Each pool's contributions with their joinedAt and revokedAt, read once (see `snapshot`). */
  readonly #contributions = new Map<
    string,
    { joinedAt: bigint; revokedAt: bigint | undefined; contribution: SnapshotContribution }[]
  >()
  /** Called after each applied range or rollback, outside the transaction. */
  onApplied: ((changes: IndexChanges) => void) | undefined
  onRolledBack: ((rollback: IndexRollback) => void) | undefined

  /** Told, inside `apply`, of contributions whose shares were just deleted (before `onApplied`). */
  readonly #onSharesDeleted: ((purged: IndexChanges['purged']) => void) | undefined

  constructor(
    db: Database.Database,
    options: { onSharesDeleted?: (purged: IndexChanges['purged']) => void } = {},
  ) {
    this.#db = db
    this.#onSharesDeleted = options.onSharesDeleted
    db.exec(`
      CREATE TABLE IF NOT EXISTS chain_contributions (
        pool_id TEXT NOT NULL,
        contribution_index INTEGER NOT NULL,
        seller TEXT NOT NULL,
        commitment TEXT NOT NULL,
        rows INTEGER NOT NULL,
        joined_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_block INTEGER,
        block_number INTEGER NOT NULL,
        PRIMARY KEY (pool_id, contribution_index)
      ) STRICT;
      CREATE INDEX IF NOT EXISTS chain_contributions_by_key
        ON chain_contributions (pool_id, seller, commitment);
      CREATE TABLE IF NOT EXISTS chain_jobs (
        job_id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        buyer TEXT NOT NULL,
        algorithm_id TEXT NOT NULL,
        params TEXT NOT NULL,
        buyer_key TEXT NOT NULL,
        deadline INTEGER NOT NULL,
        rows_snapshot INTEGER NOT NULL,
        contributors_snapshot INTEGER NOT NULL,
        price TEXT NOT NULL,
        block_number INTEGER NOT NULL,
        block_hash TEXT NOT NULL,
        transaction_hash TEXT NOT NULL,
        outcome TEXT CHECK (outcome IN ('completed', 'refused', 'refunded')),
        outcome_block INTEGER
      ) STRICT;
      CREATE INDEX IF NOT EXISTS chain_jobs_by_pool ON chain_jobs (pool_id, sequence);
    `)
    this.#position = new WatcherPositionTable(db)
  }

  position(): WatcherPosition | undefined {
    return this.#position.read()
  }

  apply(update: WatcherUpdate): void {
    if (update.events.some((event) => event.kind === 'contributed' || event.kind === 'revoked')) {
      this.#contributions.clear()
    }
    let changes: IndexChanges
    try {
      // Derived again from the chain if lost in a power loss: no fsync of its own.
      changes = relaxedSync(this.#db, () =>
        this.#db.transaction(() => {
          const counts = { contributions: 0, revocations: 0, requests: 0, outcomes: 0 }
          const pools = new Set<string>()
          for (const event of update.events) {
            this.#applyEvent(event, counts)
            if (event.kind !== 'contributed' && event.kind !== 'requested') {
              pools.add(event.poolId.toString())
            }
          }
          const purged = pools.size > 0 ? this.#purgeRevoked([...pools], update.timestamp) : []
          this.#position.write(update.position)
          return { ...counts, purged }
        })(),
      )
    } catch (error) {
      this.#position.invalidate()
      throw error
    }
    // Deleted shares leave no copy in the write-ahead log either.
    if (changes.purged.length > 0) {
      this.#db.pragma('wal_checkpoint(TRUNCATE)')
      this.#onSharesDeleted?.(changes.purged)
    }
    this.onApplied?.(changes)
  }

  rollBack(fromBlock: bigint, position: WatcherPosition): void {
    this.#contributions.clear()
    let rollback: IndexRollback
    const from = Number(fromBlock)
    try {
      rollback = this.#db.transaction(() => {
        const dropped = (
          this.#db.prepare('SELECT job_id FROM chain_jobs WHERE block_number >= ?').all(from) as {
            job_id: string
          }[]
        ).map((row) => row.job_id)
        let failedAttempts = 0
        const fail = this.#db.prepare(
          `UPDATE jobs SET status = 'failed', error = ?, retryable = 1, sealed_share = NULL,
           signature = NULL, updated_at = ? WHERE job_id = ? AND status IN ('computing', 'done')`,
        )
        for (const jobId of dropped) {
          failedAttempts += fail.run(
            'the job request was dropped by a chain reorganisation',
            Date.now(),
            jobId,
          ).changes
        }
        this.#db.prepare('DELETE FROM chain_jobs WHERE block_number >= ?').run(from)
        this.#db
          .prepare(
            'UPDATE chain_jobs SET outcome = NULL, outcome_block = NULL WHERE outcome_block >= ?',
          )
          .run(from)
        this.#db.prepare('DELETE FROM chain_contributions WHERE block_number >= ?').run(from)
        this.#db
          .prepare(
            'UPDATE chain_contributions SET revoked_at = NULL, revoked_block = NULL WHERE revoked_block >= ?',
          )
          .run(from)
        this.#position.write(position)
        return { droppedJobs: dropped.map(BigInt), failedAttempts }
      })()
    } catch (error) {
      this.#position.invalidate()
      throw error
    }
    this.onRolledBack?.(rollback)
  }

  /** A job's request, once the watcher has read (and confirmed) its block. */
  jobRequest(jobId: bigint): IndexedJobRequest | undefined {
    const row = this.#db
      .prepare('SELECT * FROM chain_jobs WHERE job_id = ?')
      .get(jobId.toString()) as JobRow | undefined
    if (!row) return undefined
    return {
      jobId,
      poolId: BigInt(row.pool_id),
      sequence: BigInt(row.sequence),
      buyer: row.buyer,
      algorithmId: row.algorithm_id,
      params: row.params,
      buyerKey: row.buyer_key,
      deadline: BigInt(row.deadline),
      rowsSnapshot: BigInt(row.rows_snapshot),
      contributorsSnapshot: row.contributors_snapshot,
      price: BigInt(row.price),
      blockNumber: BigInt(row.block_number),
      blockHash: row.block_hash,
      transactionHash: row.transaction_hash,
    }
  }

  /**
   * The contributions job `sequence` of a pool uses, in registration order: those with
   * `joinedAt <= sequence < revokedAt`. A pool's contributions are read once and kept until a
   * contribution, revocation or rollback changes them: every job of a busy pool asks.
   */
  snapshot(poolId: bigint, sequence: bigint): SnapshotContribution[] {
    const key = poolId.toString()
    let all = this.#contributions.get(key)
    if (!all) {
      const rows = this.#db
        .prepare(
          `SELECT contribution_index, seller, rows, commitment, joined_at, revoked_at FROM chain_contributions
           WHERE pool_id = ? ORDER BY contribution_index`,
        )
        .all(key) as {
        contribution_index: number
        seller: Address
        rows: number
        commitment: Hex
        joined_at: number
        revoked_at: number | null
      }[]
      all = rows.map((row) => ({
        joinedAt: BigInt(row.joined_at),
        revokedAt: row.revoked_at === null ? undefined : BigInt(row.revoked_at),
        contribution: {
          poolId,
          contributionId: BigInt(row.contribution_index),
          seller: getAddress(row.seller),
          rows: BigInt(row.rows),
          commitment: row.commitment,
        },
      }))
      this.#contributions.set(key, all)
    }
    return all
      .filter(
        (entry) =>
          entry.joinedAt <= sequence &&
          (entry.revokedAt === undefined || sequence < entry.revokedAt),
      )
      .map((entry) => entry.contribution)
  }

  /** Whether the chain shows this contribution revoked (its shares must not be stored again). */
  isRevoked(poolId: bigint, seller: Address, commitment: Hex): boolean {
    const row = this.#db
      .prepare(
        'SELECT revoked_at FROM chain_contributions WHERE pool_id = ? AND seller = ? AND commitment = ?',
      )
      .get(poolId.toString(), seller.toLowerCase(), commitment.toLowerCase()) as
      | { revoked_at: number | null }
      | undefined
    return row?.revoked_at !== null && row?.revoked_at !== undefined
  }

  #applyEvent(
    event: MarketEvent,
    counts: Record<'contributions' | 'revocations' | 'requests' | 'outcomes', number>,
  ) {
    const block = Number(event.blockNumber)
    switch (event.kind) {
      case 'contributed':
        this.#db
          .prepare(
            `INSERT INTO chain_contributions
               (pool_id, contribution_index, seller, commitment, rows, joined_at, block_number)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (pool_id, contribution_index) DO UPDATE SET
               seller = excluded.seller, commitment = excluded.commitment, rows = excluded.rows,
               joined_at = excluded.joined_at, revoked_at = NULL, revoked_block = NULL,
               block_number = excluded.block_number`,
          )
          .run(
            event.poolId.toString(),
            Number(event.index),
            event.seller.toLowerCase(),
            event.commitment.toLowerCase(),
            Number(event.rows),
            Number(event.joinedAt),
            block,
          )
        counts.contributions += 1
        return
      case 'revoked':
        this.#db
          .prepare(
            'UPDATE chain_contributions SET revoked_at = ?, revoked_block = ? WHERE pool_id = ? AND contribution_index = ?',
          )
          .run(Number(event.revokedAt), block, event.poolId.toString(), Number(event.index))
        counts.revocations += 1
        return
      case 'requested':
        this.#db
          .prepare(
            `INSERT OR REPLACE INTO chain_jobs
               (job_id, pool_id, sequence, buyer, algorithm_id, params, buyer_key, deadline,
                rows_snapshot, contributors_snapshot, price, block_number, block_hash, transaction_hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            event.jobId.toString(),
            event.poolId.toString(),
            Number(event.sequence),
            event.buyer,
            event.algorithmId,
            event.params,
            event.buyerKey,
            Number(event.deadline),
            Number(event.rowsSnapshot),
            event.contributorsSnapshot,
            event.price.toString(),
            block,
            event.blockHash,
            event.transactionHash,
          )
        counts.requests += 1
        return
      case 'completed':
      case 'refused':
      case 'refunded':
        // A refusal is followed by its refund in the same transaction: the last one wins.
        this.#db
          .prepare('UPDATE chain_jobs SET outcome = ?, outcome_block = ? WHERE job_id = ?')
          .run(event.kind, block, event.jobId.toString())
        counts.outcomes += 1
        return
    }
  }

  /**
   * Deletes the shares of revoked contributions in `pools` that no job can use any more: every
   * job of the pool that uses them (`joinedAt <= sequence < revokedAt`) has an outcome or is
   * past its deadline at `chainTime`. Runs inside the apply transaction.
   */
  #purgeRevoked(pools: readonly string[], chainTime: bigint) {
    const purged: { poolId: bigint; seller: Address; commitment: Hex }[] = []
    const candidates = this.#db.prepare(
      `SELECT c.pool_id, c.seller, c.commitment FROM chain_contributions c
       JOIN uploads u ON u.pool_id = c.pool_id AND u.seller = c.seller AND u.commitment = c.commitment
       WHERE c.pool_id = ? AND c.revoked_at IS NOT NULL
       AND NOT EXISTS (
         SELECT 1 FROM chain_jobs j WHERE j.pool_id = c.pool_id
         AND j.sequence >= c.joined_at AND j.sequence < c.revoked_at
         AND j.outcome IS NULL AND j.deadline >= ?)`,
    )
    const remove = this.#db.prepare(
      'DELETE FROM uploads WHERE pool_id = ? AND seller = ? AND commitment = ?',
    )
    for (const pool of pools) {
      const rows = candidates.all(pool, Number(chainTime)) as {
        pool_id: string
        seller: Address
        commitment: Hex
      }[]
      for (const row of rows) {
        remove.run(row.pool_id, row.seller, row.commitment)
        purged.push({ poolId: BigInt(row.pool_id), seller: row.seller, commitment: row.commitment })
      }
    }
    return purged
  }
}

interface JobRow {
  pool_id: string
  sequence: number
  buyer: Address
  algorithm_id: Hex
  params: Hex
  buyer_key: Hex
  deadline: number
  rows_snapshot: number
  contributors_snapshot: number
  price: string
  block_number: number
  block_hash: Hash
  transaction_hash: Hash
}
