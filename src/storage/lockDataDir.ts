import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TriadError } from '../errors/index.ts'

/** A held lock on a service's data folder; `release()` removes it (idempotent). */
export interface DataDirLock {
  readonly file: string
  release(): void
}

/**
 * Makes sure one process at a time runs on a data folder: a node or bridge started twice on the
 * same SQLite store would mark the running one's jobs as interrupted, or relay every job twice.
 * Writes `<dataDir>/<name>.lock` holding this process's id, exclusively; a lock left by a
 * process that no longer runs (a `kill -9`, a power cut) is taken over. `triad node backup`
 * needs no lock: SQLite's online backup reads alongside the running node.
 *
 * @example
 * const lock = lockDataDir(config.dataDir, 'node')
 * // ... run ...
 * lock.release()
 */
export function lockDataDir(dataDir: string, name: 'node' | 'bridge'): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, `${name}.lock`)
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 })
      let held = true
      return {
        file,
        release() {
          if (!held) return
          held = false
          rmSync(file, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `Cannot write the lock file ${file}`, {
          cause: error,
          details: error instanceof Error ? error.message : String(error),
          hint: `Run the ${name} as the user that owns ${dataDir}.`,
        })
      }
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10)
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new TriadError(
        'TRIAD_ERR_DATA_DIR_LOCKED',
        `Another ${name} process (pid ${holder}) is running on ${dataDir}`,
        {
          details: `lock file ${file}`,
          hint: `Stop that process first (kill -TERM ${holder}); one ${name} runs per data folder.`,
        },
      )
    }
    // The holder is gone: its lock is stale.
    rmSync(file, { force: true })
  }
  throw new TriadError('TRIAD_ERR_DATA_DIR_LOCKED', `Cannot take the lock on ${dataDir}`, {
    details: `lock file ${file} keeps reappearing`,
    hint: 'Another process is starting on the same data folder; start one at a time.',
  })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
