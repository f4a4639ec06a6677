import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { cacheStatements } from './cacheStatements.ts'
import { relaxedSync } from './relaxedSync.ts'

describe('cacheStatements and relaxedSync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-storage-'))
  const db = cacheStatements(new Database(join(dir, 'test.sqlite')))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT')
  after(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('compiles a SQL text once and reuses the statement', () => {
    const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)')
    assert.equal(db.prepare('INSERT INTO t (k, v) VALUES (?, ?)'), insert)
    insert.run(1, 'a')
    db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(2, 'b')
    assert.notEqual(db.prepare('SELECT v FROM t WHERE k = ?'), insert)
    assert.deepEqual(db.prepare('SELECT v FROM t ORDER BY k').all(), [{ v: 'a' }, { v: 'b' }])
  })

  it('runs a write with synchronous NORMAL and restores FULL, also when the write throws', () => {
    const seen = relaxedSync(db, () => {
      db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(3, 'c')
      return db.pragma('synchronous', { simple: true })
    })
    assert.equal(seen, 1, 'NORMAL inside')
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL after')
    assert.throws(() =>
      relaxedSync(db, () => db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(3, 'again')),
    )
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL after a failed write')
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n, 3)
  })
})
