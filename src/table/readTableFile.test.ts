import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { MAX_SHARE_ELEMENTS } from '../protocol/uploadRequest.ts'
import { checkContributable, readTable, tableFromRows, tableToRows } from './index.ts'
import { readTableFile } from './readTableFile.ts'

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'n', type: 'integer', min: 0, max: 9 },
    { name: 'x', type: 'fixed', min: '0', max: '1', nullable: true },
  ],
})

describe('reading data files (Node)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triad-table-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  it('picks CSV, TSV or JSON by extension (or format) and names the file in messages', async () => {
    const csv = await readTableFile(file('a.csv', 'n,x\n1,0.5\n'))
    const tsv = await readTableFile(file('b.TSV', 'n\tx\n1\t0.5\n'))
    const json = await readTableFile(file('c.json', '[{"n": 1, "x": "0.5"}]'))
    const forced = await readTableFile(file('d.txt', 'n,x\n1,0.5\n'), { format: 'csv' })
    for (const input of [csv, tsv, json, forced]) {
      assert.deepEqual(tableToRows(readTable(schema, input)), [{ n: 1n, x: '0.5' }])
    }
    const bad = await readTableFile(file('e.csv', 'n,x\n10,\n'))
    assert.throws(
      () => readTable(schema, bad),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_INVALID') &&
        error.details === `${join(dir, 'e.csv')}, line 2, n: value 10 is above max 9`,
    )
  })

  it('refuses an unknown extension and a file it cannot read', async () => {
    await assert.rejects(
      readTableFile(file('f.xlsx', '')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_MALFORMED') &&
        /Cannot tell the format/.test(error.message),
    )
    await assert.rejects(
      readTableFile(join(dir, 'missing.csv')),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_MALFORMED') &&
        /Cannot read/.test(error.message) &&
        /ENOENT/.test(error.details ?? ''),
    )
  })

  it('accepts a table read before only against the same schema', () => {
    const table = tableFromRows(schema, [{ n: 1, x: null }])
    assert.equal(readTable(schema, { table }), table)
    const other = parsePoolSchema({
      version: 2,
      columns: [{ name: 'n', type: 'integer', min: 0, max: 9 }],
    })
    assert.throws(
      () => readTable(other, { table }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_INVALID') && /another schema/.test(error.message),
    )
  })
})

describe('what one contribution may hold', () => {
  it('needs a row and must fit one upload (rows × vectors elements)', () => {
    assert.throws(
      () => checkContributable(tableFromRows(schema, [])),
      (error) => isTriadError(error, 'TRIAD_ERR_DATA_INVALID') && /has no rows/.test(error.message),
    )
    // Three vectors per row (n, x, x.present): the size check needs only the row count.
    const fit = Math.floor(MAX_SHARE_ELEMENTS / 3)
    const sized = (rowCount: number) => ({ schema, source: 'big.csv', rowCount, columns: [] })
    checkContributable(sized(fit))
    assert.throws(
      () => checkContributable(sized(fit + 1)),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_DATA_TOO_LARGE') &&
        error.hint === `Split the rows into contributions of at most ${fit} rows.`,
    )
  })
})
