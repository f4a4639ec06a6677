import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { isTriadError } from '../errors/index.ts'
import { backupNodeStore } from './backupNodeStore.ts'
import { NodeStore } from './store.ts'

describe('backupNodeStore (a real SQLite file, the node still running)', () => {
  it('copies a consistent snapshot into a new 0600 file while the store stays open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-backup-'))
    const store = new NodeStore(join(dir, 'data'))
    for (let seller = 1; seller <= 3; seller += 1) {
      store.saveUpload({
        poolId: 1n,
        seller: `0x${seller.toString(16).padStart(40, '0')}`,
        commitment: `0x${String(seller).repeat(64)}`,
        rows: 2,
        share: new Uint8Array([seller, 2, 3]),
        receipt: `0x${'22'.repeat(65)}`,
      })
    }
    store.claimJob(9n, 0, `0x${'77'.repeat(32)}`)
    const backup = await backupNodeStore(join(dir, 'data'), join(dir, 'backup.sqlite'))
    // The node keeps writing after the snapshot.
    store.finishJob(9n, 0, new Uint8Array([1]), '0x01')
    store.close()

    assert.deepEqual([backup.uploads, backup.jobs], [3, 1])
    assert.equal(statSync(backup.file).mode & 0o777, 0o600)
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.startsWith('backup')),
      ['backup.sqlite'],
      'one self-contained file',
    )
    const copy = new Database(backup.file, { readonly: true })
    const job = copy.prepare('SELECT status FROM jobs').get() as { status: string }
    copy.close()
    assert.equal(job.status, 'computing', 'the snapshot is of the moment it was taken')
  })

  it('never overwrites a file, and names a missing database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-backup-'))
    new NodeStore(join(dir, 'data')).close()
    await backupNodeStore(join(dir, 'data'), join(dir, 'once.sqlite'))
    await assert.rejects(
      backupNodeStore(join(dir, 'data'), join(dir, 'once.sqlite')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_BACKUP_FAILED') && /never overwrites/.test(error.hint!),
    )
    await assert.rejects(
      backupNodeStore(join(dir, 'elsewhere'), join(dir, 'other.sqlite')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_BACKUP_FAILED') && /no node database/.test(error.message),
    )
  })
})
