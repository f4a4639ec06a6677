import type Database from 'better-sqlite3'
import type { Hash } from 'viem'
import type { BlockRef, WatcherPosition } from '../chain/watcher/startChainWatcher.ts'

/**
 * A chain watcher's position (next block, recent block hashes) in the SQLite database of the
 * service that derives state from it, so that `write` runs inside the same transaction as the
 * derived rows. Keeps a copy in memory: this object must be the table's only writer.
 *
 * @example
 * const position = new WatcherPositionTable(db)
 * db.transaction(() => { deriveRows(update.events); position.write(update.position) })()
 */
export class WatcherPositionTable {
  readonly #db: Database.Database
  #cached: WatcherPosition | undefined | null = null

  constructor(db: Database.Database) {
    this.#db = db
    db.exec(`
      CREATE TABLE IF NOT EXISTS watcher_position (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        next_block INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS watcher_blocks (
        number INTEGER PRIMARY KEY,
        hash TEXT NOT NULL
      ) STRICT;
    `)
  }

  /** The saved position, or undefined before the first write. */
  read(): WatcherPosition | undefined {
    if (this.#cached !== null) return this.#cached
    const row = this.#db.prepare('SELECT next_block FROM watcher_position WHERE id = 1').get() as
      | { next_block: number }
      | undefined
    if (!row) {
      this.#cached = undefined
      return undefined
    }
    const blocks = this.#db
      .prepare('SELECT number, hash FROM watcher_blocks ORDER BY number')
      .all() as { number: number; hash: Hash }[]
    this.#cached = {
      nextBlock: BigInt(row.next_block),
      recent: blocks.map((block) => ({ number: BigInt(block.number), hash: block.hash })),
    }
    return this.#cached
  }

  /** Saves a position; call inside the transaction that writes what it derives. */
  write(position: WatcherPosition): void {
    const before = this.read()
    this.#db
      .prepare(
        'INSERT INTO watcher_position (id, next_block) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET next_block = excluded.next_block',
      )
      .run(Number(position.nextBlock))
    const stored = new Map((before?.recent ?? []).map((ref) => [ref.number, ref.hash]))
    const wanted = new Map(position.recent.map((ref) => [ref.number, ref.hash]))
    const remove = this.#db.prepare('DELETE FROM watcher_blocks WHERE number = ?')
    const upsert = this.#db.prepare(
      'INSERT INTO watcher_blocks (number, hash) VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET hash = excluded.hash',
    )
    for (const number of stored.keys()) if (!wanted.has(number)) remove.run(Number(number))
    for (const [number, hash] of wanted) {
      if (stored.get(number) !== hash) upsert.run(Number(number), hash)
    }
    this.#cached = { nextBlock: position.nextBlock, recent: [...position.recent] }
  }

  /** Forgets the in-memory copy (after a transaction that wrote it was rolled back). */
  invalidate(): void {
    this.#cached = null
  }
}

export type { BlockRef }
