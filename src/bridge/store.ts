import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Hash } from 'viem'
import type { WatcherPosition, WatcherStore, WatcherUpdate } from '../chain/watcher/index.ts'
import { cacheStatements } from '../storage/cacheStatements.ts'
import { relaxedSync } from '../storage/relaxedSync.ts'
import { WatcherPositionTable } from '../storage/WatcherPositionTable.ts'

/**
 * Where a job stands, as this bridge sees it: `queued` (seen on chain), `computing` (handed to
 * the committee), `refused` (the committee will not compute it; it is refunded), `submitted`
 * (result transaction sent), `settled` (result accepted on chain), `refunded`, `dropped` (its
 * request left the chain in a reorganisation: nobody computes or pays for it).
 */
export type BridgeJobStatus =
  | 'queued'
  | 'computing'
  | 'refused'
  | 'submitted'
  | 'settled'
  | 'refunded'
  | 'dropped'

export const bridgeJobStatuses: readonly BridgeJobStatus[] = [
  'queued',
  'computing',
  'refused',
  'submitted',
  'settled',
  'refunded',
  'dropped',
]

export interface BridgeJob {
  readonly jobId: bigint
  readonly poolId: bigint
  readonly deadline: bigint
  readonly status: BridgeJobStatus
  /** The MPC attempt the committee is on; shares of different attempts never mix. */
  readonly attempt: number
  readonly txHash: Hash | undefined
  /** Why the job is stuck or failed, in words a user can act on. */
  readonly reason: string | undefined
  /** When this bridge first saw the job requested (ms since the epoch). */
  readonly seenAt: number
  /** When its row last changed (ms since the epoch). */
  readonly updatedAt: number
}

/** Statuses a job leaves only through the chain (an event or a rollback). */
const finalStatuses = "('settled', 'refunded', 'dropped')"

/**
 * The bridge's durable progress in SQLite: the chain watcher's position and every job it has
 * seen, moved together (`WatcherStore`), and the transactions it sent (`TransactionOutbox`,
 * same file). After a crash it resumes from the saved position; a job it already submitted is
 * not submitted again (the contract would refuse a second settlement anyway).
 */
export class BridgeStore implements WatcherStore {
  readonly #db: Database.Database
  readonly #position: WatcherPositionTable

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.#db = cacheStatements(new Database(join(dataDir, 'bridge.sqlite')))
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('synchronous = FULL')
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS relay_jobs (
        job_id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL,
        deadline TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'computing', 'refused', 'submitted', 'settled', 'refunded', 'dropped')),
        attempt INTEGER NOT NULL DEFAULT 0,
        tx_hash TEXT,
        reason TEXT,
        request_block INTEGER,
        request_tx TEXT,
        outcome_block INTEGER,
        seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS relay_jobs_by_status ON relay_jobs (status);
    `)
    this.#position = new WatcherPositionTable(this.#db)
    this.#migrateCursor()
  }

  /** A bridge database from before the chain watcher: keep its jobs and resume from its cursor. */
  #migrateCursor(): void {
    const old = this.#db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('cursor', 'jobs')")
      .all() as { name: string }[]
    if (old.length === 0) return
    this.#db.transaction(() => {
      if (old.some((table) => table.name === 'jobs')) {
        this.#db.exec(`
          INSERT OR IGNORE INTO relay_jobs (job_id, pool_id, deadline, status, attempt, tx_hash, reason, seen_at, updated_at)
            SELECT job_id, pool_id, deadline, status, attempt, tx_hash, reason, updated_at, updated_at FROM jobs;
          DROP TABLE jobs;
        `)
      }
      if (old.some((table) => table.name === 'cursor')) {
        const row = this.#db.prepare('SELECT next_block FROM cursor WHERE id = 1').get() as
          | { next_block: string }
          | undefined
        if (row && !this.#position.read()) {
          this.#position.write({ nextBlock: BigInt(row.next_block), recent: [] })
        }
        this.#db.exec('DROP TABLE cursor')
      }
    })()
  }

  position(): WatcherPosition | undefined {
    return this.#position.read()
  }

  /** Records the jobs requested, settled and refunded in a range, with the watcher's position. */
  apply(update: WatcherUpdate): void {
    const now = Date.now()
    const request = this.#db.prepare(
      `INSERT INTO relay_jobs (job_id, pool_id, deadline, status, request_block, request_tx, seen_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)
       ON CONFLICT (job_id) DO UPDATE SET
         status = 'queued', deadline = excluded.deadline, request_block = excluded.request_block,
         request_tx = excluded.request_tx, outcome_block = NULL, tx_hash = NULL,
         attempt = relay_jobs.attempt + 1,
         reason = 'requested again after a chain reorganisation; a fresh MPC attempt is used',
         seen_at = excluded.seen_at, updated_at = excluded.updated_at
       WHERE relay_jobs.status = 'dropped'`,
    )
    const outcome = this.#db.prepare(
      `UPDATE relay_jobs SET status = ?, tx_hash = ?, outcome_block = ?, reason = COALESCE(?, reason), updated_at = ?
       WHERE job_id = ? AND status != 'dropped'`,
    )
    // Keeps the committee's reason for refusing after the outcome.
    const refusal = this.#db.prepare(
      `UPDATE relay_jobs SET status = 'refunded', tx_hash = ?, outcome_block = ?,
       reason = ? || COALESCE(': ' || reason, ''), updated_at = ?
       WHERE job_id = ? AND status != 'dropped'`,
    )
    try {
      // Read again from the chain if lost in a power loss: no fsync of its own.
      relaxedSync(this.#db, () =>
        this.#db.transaction(() => {
          for (const event of update.events) {
            const block = Number(event.blockNumber)
            switch (event.kind) {
              case 'requested':
                request.run(
                  event.jobId.toString(),
                  event.poolId.toString(),
                  event.deadline.toString(),
                  block,
                  event.transactionHash,
                  now,
                  now,
                )
                break
              case 'completed':
                outcome.run(
                  'settled',
                  event.transactionHash,
                  block,
                  null,
                  now,
                  event.jobId.toString(),
                )
                break
              case 'refused':
                refusal.run(
                  event.transactionHash,
                  block,
                  `the committee refused the job (attempt ${event.attempt}) and the price was credited back to the buyer`,
                  now,
                  event.jobId.toString(),
                )
                break
              case 'refunded':
                outcome.run(
                  'refunded',
                  event.transactionHash,
                  block,
                  null,
                  now,
                  event.jobId.toString(),
                )
                break
              case 'contributed':
              case 'revoked':
                break
            }
          }
          this.#position.write(update.position)
        })(),
      )
    } catch (error) {
      this.#position.invalidate()
      throw error
    }
  }

  /**
   * Blocks from `fromBlock` on left the chain: jobs requested in them are `dropped` (nobody
   * computes or pays for them; a later request of the same job id gets a fresh attempt), and
   * jobs settled or refunded in them are open again.
   */
  rollBack(fromBlock: bigint, position: WatcherPosition): void {
    const from = Number(fromBlock)
    const now = Date.now()
    try {
      this.#db.transaction(() => {
        this.#db
          .prepare(
            `UPDATE relay_jobs SET status = 'dropped', outcome_block = NULL, updated_at = ?,
             reason = 'the job request left the chain in a reorganisation; nobody computes or pays for it'
             WHERE request_block >= ?`,
          )
          .run(now, from)
        this.#db
          .prepare(
            `UPDATE relay_jobs SET status = 'queued', outcome_block = NULL, tx_hash = NULL, updated_at = ?,
             reason = 'its settlement or refund left the chain in a reorganisation; relaying again'
             WHERE outcome_block >= ?`,
          )
          .run(now, from)
        this.#position.write(position)
      })()
    } catch (error) {
      this.#position.invalidate()
      throw error
    }
  }

  /** The next block the watcher reads, or `fallback` before the first range. */
  nextBlock(fallback: bigint): bigint {
    return this.#position.read()?.nextBlock ?? fallback
  }

  /**
   * Moves a job to a status; the attempt and transaction hash are kept unless given. A job the
   * chain has finished (settled, refunded, dropped) keeps that status: a relay that learns late
   * cannot move it back.
   */
  setStatus(
    jobId: bigint,
    status: BridgeJobStatus,
    extra: { txHash?: Hash; reason?: string; attempt?: number } = {},
  ): void {
    // Progress, not a promise to anyone: the outbox holds what was sent, durably.
    relaxedSync(this.#db, () =>
      this.#db
        .prepare(
          `UPDATE relay_jobs SET status = ?, tx_hash = COALESCE(?, tx_hash), attempt = COALESCE(?, attempt),
         reason = ?, updated_at = ? WHERE job_id = ? AND status NOT IN ${finalStatuses}`,
        )
        .run(
          status,
          extra.txHash ?? null,
          extra.attempt ?? null,
          extra.reason ?? null,
          Date.now(),
          jobId.toString(),
        ),
    )
  }

  job(jobId: bigint): BridgeJob | undefined {
    const row = this.#db
      .prepare('SELECT * FROM relay_jobs WHERE job_id = ?')
      .get(jobId.toString()) as Row | undefined
    return row ? fromRow(row) : undefined
  }

  /**
   * Jobs that still need work from this bridge, oldest first: not settled, refunded or dropped.
   * A job left `submitted` by a crash is among them; its relay asks the outbox and the chain
   * before anything else.
   */
  openJobs(limit = 1_000_000): BridgeJob[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM relay_jobs WHERE status NOT IN ${finalStatuses} ORDER BY seen_at, CAST(job_id AS INTEGER) LIMIT ?`,
      )
      .all(limit) as Row[]
    return rows.map(fromRow)
  }

  /** The number of jobs in each state, for the bridge's metrics. */
  countJobs(): Record<BridgeJobStatus, number> {
    const counts = Object.fromEntries(bridgeJobStatuses.map((status) => [status, 0])) as Record<
      BridgeJobStatus,
      number
    >
    const rows = this.#db
      .prepare('SELECT status, COUNT(*) AS n FROM relay_jobs GROUP BY status')
      .all() as { status: BridgeJobStatus; n: number }[]
    for (const row of rows) counts[row.status] = row.n
    return counts
  }

  /** The database, for the transaction outbox that shares the file. */
  get database(): Database.Database {
    return this.#db
  }

  /** Whether the database is still open (false once the bridge has shut down). */
  get open(): boolean {
    return this.#db.open
  }

  close(): void {
    this.#db.close()
  }
}

interface Row {
  job_id: string
  pool_id: string
  deadline: string
  status: BridgeJobStatus
  attempt: number
  tx_hash: Hash | null
  reason: string | null
  seen_at: number
  updated_at: number
}

function fromRow(row: Row): BridgeJob {
  return {
    jobId: BigInt(row.job_id),
    poolId: BigInt(row.pool_id),
    deadline: BigInt(row.deadline),
    status: row.status,
    attempt: row.attempt,
    txHash: row.tx_hash ?? undefined,
    reason: row.reason ?? undefined,
    seenAt: row.seen_at,
    updatedAt: row.updated_at,
  }
}
