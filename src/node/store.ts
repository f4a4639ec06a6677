import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Address, Hash, Hex } from 'viem'
import { cacheStatements } from '../storage/cacheStatements.ts'
import { relaxedSync } from '../storage/relaxedSync.ts'
import { ChainIndex } from './ChainIndex.ts'
import { InputCache } from './InputCache.ts'

/** A seller's shares as this node holds them, keyed by what the chain's contribution names. */
export interface StoredUpload {
  readonly poolId: bigint
  readonly seller: Address
  readonly commitment: Hex
  readonly rows: number
  /** This node's replicated share, encoded (`encodeReplicatedShare`). */
  readonly share: Uint8Array
  /** The receipt this node signed for it. */
  readonly receipt: Hex
}

/** Where a job stands at this node. */
export type NodeJobState =
  | { readonly status: 'computing' }
  | { readonly status: 'done'; readonly sealedShare: Uint8Array; readonly signature: Hex }
  | {
      readonly status: 'failed'
      readonly error: string
      readonly retryable: boolean
      /** The node's signed refusal (EIP-712 `Result(job, attempt, 0, Refused)`), if it refuses for good. */
      readonly refusal?: Hex
    }

/**
 * The node's durable state in one SQLite file (WAL, synchronous FULL): every upload it
 * acknowledged, every job it worked on, and its index of the chain (`ChainIndex`). A receipt is
 * returned only after its row committed. Deleted rows are overwritten (`secure_delete`): shares
 * of a revoked contribution leave no trace in the file.
 */
export class NodeStore {
  readonly #db: Database.Database
  /** Contributions, job requests and outcomes, derived from the chain watcher's events. */
  readonly index: ChainIndex
  /** Decoded shares and already-verified contributions, kept across jobs. */
  readonly inputs = new InputCache((key) => this.findUpload(key.poolId, key.seller, key.commitment))

  constructor(dataDir: string) {
    // Only the node's user may enter: the database holds every seller's share held here.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    this.#db = cacheStatements(new Database(join(dataDir, 'node.sqlite')))
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('synchronous = FULL')
    this.#db.pragma('secure_delete = ON')
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS uploads (
        pool_id TEXT NOT NULL,
        seller TEXT NOT NULL,
        commitment TEXT NOT NULL,
        rows INTEGER NOT NULL,
        share BLOB NOT NULL,
        receipt TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (pool_id, seller, commitment)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS jobs (
        job_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('computing', 'done', 'failed')),
        sealed_share BLOB,
        signature TEXT,
        error TEXT,
        retryable INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, attempt)
      ) STRICT;
    `)
    // Added with the chain index: the request (transaction) an attempt computes for.
    const columns = this.#db.pragma('table_info(jobs)') as { name: string }[]
    if (!columns.some((column) => column.name === 'request_tx')) {
      this.#db.exec('ALTER TABLE jobs ADD COLUMN request_tx TEXT')
    }
    this.index = new ChainIndex(this.#db, {
      onSharesDeleted: (purged) => {
        for (const contribution of purged) this.inputs.evict(contribution)
      },
    })
  }

  /** Stores an upload; a replay of the same upload keeps the first row and its receipt. */
  saveUpload(upload: StoredUpload): StoredUpload {
    this.#db
      .prepare(
        `INSERT INTO uploads (pool_id, seller, commitment, rows, share, receipt, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        upload.poolId.toString(),
        upload.seller.toLowerCase(),
        upload.commitment.toLowerCase(),
        upload.rows,
        upload.share,
        upload.receipt,
        Date.now(),
      )
    const stored = this.findUpload(upload.poolId, upload.seller, upload.commitment)
    if (!stored) throw new Error('unreachable: upload row missing right after insert')
    return stored
  }

  findUpload(poolId: bigint, seller: Address, commitment: Hex): StoredUpload | undefined {
    const row = this.#db
      .prepare(
        'SELECT seller, commitment, rows, share, receipt FROM uploads WHERE pool_id = ? AND seller = ? AND commitment = ?',
      )
      .get(poolId.toString(), seller.toLowerCase(), commitment.toLowerCase()) as
      | { seller: Address; commitment: Hex; rows: number; share: Buffer; receipt: Hex }
      | undefined
    if (!row) return undefined
    return { poolId, ...row, share: new Uint8Array(row.share) }
  }

  /**
   * Marks the attempts that were computing when the node stopped as failed: their MPC sessions
   * died with the process. The bridge then starts a new attempt with all three nodes.
   */
  failInterruptedJobs(): number {
    return this.#db
      .prepare(
        `UPDATE jobs SET status = 'failed', error = 'interrupted by a node restart', retryable = 1, updated_at = ? WHERE status = 'computing'`,
      )
      .run(Date.now()).changes
  }

  /**
   * Claims one attempt of a job for computing. Returns false when the node already has that
   * attempt (in any state): an attempt runs at most once, so its shares never mix with another's.
   */
  claimJob(jobId: bigint, attempt: number, requestTx: Hash): boolean {
    // Job rows are not fsynced on their own (the next receipt's commit syncs them): after a power
    // loss an attempt the node forgot is failed by its peers' session, never mixed with another.
    const result = relaxedSync(this.#db, () =>
      this.#db
        .prepare(
          `INSERT INTO jobs (job_id, attempt, status, request_tx, updated_at) VALUES (?, ?, 'computing', ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(jobId.toString(), attempt, requestTx, Date.now()),
    )
    return result.changes === 1
  }

  /**
   * Records a computed attempt, only if it is still computing and the request it computed for
   * (`claimJob`'s transaction) is still in the index: an attempt whose request a reorganisation
   * dropped meanwhile stays failed. Returns whether it was recorded.
   */
  finishJob(jobId: bigint, attempt: number, sealedShare: Uint8Array, signature: Hex): boolean {
    const result = relaxedSync(this.#db, () =>
      this.#db
        .prepare(
          `UPDATE jobs SET status = 'done', sealed_share = ?, signature = ?, updated_at = ?
           WHERE job_id = ? AND attempt = ? AND status = 'computing'
           AND EXISTS (SELECT 1 FROM chain_jobs c WHERE c.job_id = jobs.job_id AND c.transaction_hash = jobs.request_tx)`,
        )
        .run(sealedShare, signature, Date.now(), jobId.toString(), attempt),
    )
    return result.changes === 1
  }

  /**
   * Records a failed attempt (unless it already ended), with the node's signed refusal when it
   * refuses the job for good.
   */
  failJob(jobId: bigint, attempt: number, error: string, retryable: boolean, refusal?: Hex): void {
    relaxedSync(this.#db, () =>
      this.#db
        .prepare(
          `UPDATE jobs SET status = 'failed', error = ?, retryable = ?, signature = ?, updated_at = ? WHERE job_id = ? AND attempt = ? AND status = 'computing'`,
        )
        .run(error, retryable ? 1 : 0, refusal ?? null, Date.now(), jobId.toString(), attempt),
    )
  }

  jobState(jobId: bigint, attempt: number): NodeJobState | undefined {
    const row = this.#db
      .prepare(
        'SELECT status, sealed_share, signature, error, retryable FROM jobs WHERE job_id = ? AND attempt = ?',
      )
      .get(jobId.toString(), attempt) as
      | {
          status: 'computing' | 'done' | 'failed'
          sealed_share: Buffer | null
          signature: Hex | null
          error: string | null
          retryable: number
        }
      | undefined
    if (!row) return undefined
    switch (row.status) {
      case 'computing':
        return { status: 'computing' }
      case 'done':
        return {
          status: 'done',
          sealedShare: new Uint8Array(row.sealed_share!),
          signature: row.signature!,
        }
      case 'failed':
        return {
          status: 'failed',
          error: row.error ?? 'unknown',
          retryable: row.retryable === 1,
          ...(row.signature ? { refusal: row.signature } : {}),
        }
    }
  }

  /** The number of job attempts in each state, for the node's metrics. */
  countJobs(): Record<NodeJobState['status'], number> {
    const counts = { computing: 0, done: 0, failed: 0 }
    const rows = this.#db
      .prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status')
      .all() as {
      status: NodeJobState['status']
      n: number
    }[]
    for (const row of rows) counts[row.status] = row.n
    return counts
  }

  /** Whether the database is still open (false once the node has shut down). */
  get open(): boolean {
    return this.#db.open
  }

  close(): void {
    this.#db.close()
  }
}
