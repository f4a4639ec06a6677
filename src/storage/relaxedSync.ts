import type Database from 'better-sqlite3'

/**
 * Runs `write` (one or more transactions) with `synchronous = NORMAL`, then restores `FULL`. In
 * WAL mode such a commit survives a crash of the process (kill -9) but may be lost, whole, in a
 * power loss until the next `FULL` commit syncs the log. For state that is derived again after
 * such a loss (a chain watcher's rows and position, job progress), never for what the service
 * acknowledged to someone else (a receipt, a signed transaction).
 *
 * @example
 * relaxedSync(db, () => db.transaction(() => position.write(next))())
 */
export function relaxedSync<T>(db: Database.Database, write: () => T): T {
  db.pragma('synchronous = NORMAL')
  try {
    return write()
  } finally {
    db.pragma('synchronous = FULL')
  }
}
