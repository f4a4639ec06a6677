import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { lockDataDir } from './lockDataDir.ts'

describe('lockDataDir', () => {
  it('lets one process hold a data folder and names the holder to a second', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-lock-'))
    // A running process other than this one holds the lock: the test runner's parent.
    writeFileSync(join(dir, 'node.lock'), `${process.ppid}\n`)
    assert.throws(
      () => lockDataDir(dir, 'node'),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_DIR_LOCKED') &&
        error.shortMessage.includes(`pid ${process.ppid}`),
    )
  })

  it('takes over a lock left by a process that is gone, and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-lock-'))
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
      encoding: 'utf8',
    })
    writeFileSync(join(dir, 'bridge.lock'), gone.stdout)
    const lock = lockDataDir(dir, 'bridge')
    assert.ok(existsSync(lock.file))
    lock.release()
    lock.release()
    assert.equal(existsSync(lock.file), false)
    // Free again.
    lockDataDir(dir, 'bridge').release()
  })
})
