import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { TriadError } from '../errors/index.ts'

export interface BackupNodeStoreReturnType {
  readonly file: string
  readonly bytes: number
  readonly uploads: number
  readonly jobs: number
}

/**
 * Copies a node's SQLite database to `destination` with SQLite's online backup, so the node
 * may keep running (its writes go on; the copy is one consistent snapshot). The copy holds
 * every seller's share this node holds, so it is created 0600 and never over an existing file.
 * It is checked (`PRAGMA integrity_check`) before this returns. The key file is not in it: back
 * that up once, separately, offline.
 *
 * @example
 * const { uploads } = await backupNodeStore('/var/lib/triad/node/data', '/backup/node-2024-06-01.sqlite')
 */
export async function backupNodeStore(
  dataDir: string,
  destination: string,
): Promise<BackupNodeStoreReturnType> {
  const source = join(dataDir, 'node.sqlite')
  if (!existsSync(source)) {
    throw new TriadError('TRIAD_ERR_BACKUP_FAILED', `There is no node database at ${source}`, {
      hint: 'Point --config at the node configuration whose dataDir holds node.sqlite.',
    })
  }
  try {
    writeFileSync(destination, '', { mode: 0o600, flag: 'wx' })
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_BACKUP_FAILED',
      `Cannot create the backup file ${destination}`,
      {
        cause,
        details: cause instanceof Error ? cause.message : String(cause),
        hint: 'Give a new file in an existing folder; a backup never overwrites a file.',
      },
    )
  }
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(destination)
  } catch (cause) {
    rmSync(destination, { force: true })
    throw new TriadError('TRIAD_ERR_BACKUP_FAILED', `The backup of ${source} failed`, {
      cause,
      details: cause instanceof Error ? cause.message : String(cause),
    })
  } finally {
    db.close()
  }
  const copy = new Database(destination, { fileMustExist: true })
  try {
    // One self-contained file: the copy keeps the source's WAL mode, which would leave -wal and
    // -shm files beside it.
    copy.pragma('journal_mode = DELETE')
    const integrity = copy.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') {
      throw new TriadError('TRIAD_ERR_BACKUP_FAILED', `The backup ${destination} is damaged`, {
        details: String(integrity),
      })
    }
    const count = (table: string) =>
      (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    return {
      file: destination,
      bytes: statSync(destination).size,
      uploads: count('uploads'),
      jobs: count('jobs'),
    }
  } finally {
    copy.close()
  }
}
