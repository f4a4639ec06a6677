import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Hash } from 'viem'

/**
 * Where a job stands, as this bridge sees it: `queued` (seen on chain), `computing` (handed to
 * the committee), `refused` (the committee will not compute it; it is refunded at its deadline),
 * `submitted` (result transaction sent), `settled` (result accepted on chain), `refunded`.
 */
export type BridgeJobStatus =
  | 'queued'
  | 'computing'
  | 'refused'
  | 'submitted'
  | 'settled'
  | 'refunded'

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
}

/**
 * The bridge's durable progress in SQLite: the block it has scanned up to and every job it has
 * seen. After a crash it resumes from the cursor; a job it already submitted is not submitted
 * again (the contract would refuse a second settlement anyway).
 */
export class BridgeStore {
  readonly #db: Database.Database

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.#db = new Database(join(dataDir, 'bridge.sqlite'))
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('synchronous = FULL')
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1), next_block TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS jobs (
        job_id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL,
        deadline TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'computing', 'refused', 'submitted', 'settled', 'refunded')),
        attempt INTEGER NOT NULL DEFAULT 0,
        tx_hash TEXT,
        reason TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `)
  }

  nextBlock(fallback: bigint): bigint {
    const row = this.#db.prepare('SELECT next_block FROM cursor WHERE id = 1').get() as
      | { next_block: string }
      | undefined
    return row ? BigInt(row.next_block) : fallback
  }

  setNextBlock(block: bigint): void {
    this.#db
      .prepare(
        'INSERT INTO cursor (id, next_block) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET next_block = excluded.next_block',
      )
      .run(block.toString())
  }

  /** Records a newly seen job; a job seen before keeps its progress. */
  addJob(jobId: bigint, poolId: bigint, deadline: bigint): void {
    this.#db
      .prepare(
        `INSERT INTO jobs (job_id, pool_id, deadline, status, updated_at) VALUES (?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING`,
      )
      .run(jobId.toString(), poolId.toString(), deadline.toString(), Date.now())
  }

  /** Moves a job to a status; the attempt and transaction hash are kept unless given. */
  setStatus(
    jobId: bigint,
    status: BridgeJobStatus,
    extra: { txHash?: Hash; reason?: string; attempt?: number } = {},
  ): void {
    this.#db
      .prepare(
        `UPDATE jobs SET status = ?, tx_hash = COALESCE(?, tx_hash), attempt = COALESCE(?, attempt),
         reason = ?, updated_at = ? WHERE job_id = ?`,
      )
      .run(
        status,
        extra.txHash ?? null,
        extra.attempt ?? null,
        extra.reason ?? null,
        Date.now(),
        jobId.toString(),
      )
  }

  job(jobId: bigint): BridgeJob | undefined {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE job_id = ?').get(jobId.toString()) as
      | Row
      | undefined
    return row ? fromRow(row) : undefined
  }

  /**
   * Jobs that still need work from this bridge: not yet settled or refunded. A job left
   * `submitted` by a crash is among them; the relay reads its state on chain before anything else.
   */
  openJobs(): BridgeJob[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM jobs WHERE status IN ('queued', 'computing', 'refused', 'submitted') ORDER BY CAST(job_id AS INTEGER)`,
      )
      .all() as Row[]
    return rows.map(fromRow)
  }

  /** The number of jobs in each state, for the bridge's metrics. */
  countJobs(): Record<BridgeJobStatus, number> {
    const counts: Record<BridgeJobStatus, number> = {
      queued: 0,
      computing: 0,
      refused: 0,
      submitted: 0,
      settled: 0,
      refunded: 0,
    }
    const rows = this.#db
      .prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status')
      .all() as { status: BridgeJobStatus; n: number }[]
    for (const row of rows) counts[row.status] = row.n
    return counts
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
  }
}
