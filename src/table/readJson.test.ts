import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isTriadError, type TriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { DataInvalidError, readCsv, readJson, tableFromRows, tableToRows } from './index.ts'

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 0, max: 1000 },
    { name: 'ok', type: 'boolean', nullable: true },
    { name: 'weight', type: 'fixed', min: '0', max: '500', nullable: true },
  ],
})

function fails(run: () => unknown, code: TriadError['code'], check: (error: TriadError) => void) {
  assert.throws(run, (error: unknown) => {
    assert.ok(isTriadError(error, code), `expected ${code}, got ${String(error)}`)
    assert.ok(error.hint, 'every error has a hint')
    check(error)
    return true
  })
}

describe('reading JSON rows against a schema', () => {
  it('reads an array of objects; null and absent keys are missing values', () => {
    const table = readJson(
      schema,
      '[{"age": 3, "ok": true, "weight": 1.25}, {"age": "4", "ok": null}, {"weight": "0.1", "age": 5, "ok": 0}]',
    )
    assert.deepEqual(tableToRows(table), [
      { age: 3n, ok: true, weight: '1.25' },
      { age: 4n, ok: null, weight: null },
      { age: 5n, ok: false, weight: '0.100006103515625' },
    ])
  })

  it('names the line each bad row starts on', () => {
    const text = `[
  { "age": 1, "ok": true },
  {
    "age": "x",
    "ok": "maybe"
  },
  { "age": null, "weight": "a \\"quoted\\" [text]" }
]`
    fails(
      () => readJson(schema, text, { source: 'rows.json' }),
      'TRIAD_ERR_DATA_INVALID',
      (error) => {
        assert.ok(error instanceof DataInvalidError)
        assert.equal(
          error.details,
          [
            "rows.json, line 3, age: 'x' is not an integer",
            "rows.json, line 3, ok: 'maybe' is not a boolean (true, false, 1 or 0)",
            'rows.json, line 7, age: missing value in non-nullable column',
            `rows.json, line 7, weight: 'a "quoted" [text]' is not a decimal number`,
          ].join('\n'),
        )
      },
    )
  })

  it('refuses unknown keys, naming them and where the first is', () => {
    fails(
      () =>
        readJson(schema, '[{"age": 1},\n{"age": 2, "agee": 3, "weight": 1, "x": 0}]', {
          source: 'r.json',
        }),
      'TRIAD_ERR_DATA_COLUMNS_MISMATCH',
      (error) => {
        assert.equal(
          error.shortMessage,
          "r.json: the keys of the rows (first unknown key at line 2) does not match the pool's columns",
        )
        assert.equal(error.details, 'unknown "agee", "x"')
      },
    )
  })

  it('refuses text that is not JSON, naming the line', () => {
    fails(
      () => readJson(schema, '[\n{"age": 1},\n{"age": 2,}\n]', { source: 'bad.json' }),
      'TRIAD_ERR_DATA_MALFORMED',
      (error) => {
        assert.equal(error.shortMessage, 'bad.json is not well-formed JSON')
        assert.match(error.details!, /^line 3: /)
      },
    )
  })

  it('refuses JSON that is not an array of objects', () => {
    fails(
      () => readJson(schema, '{"age": 1}'),
      'TRIAD_ERR_DATA_MALFORMED',
      (error) => {
        assert.match(error.message, /is not an array of rows/)
        assert.equal(error.details, 'found an object')
      },
    )
    fails(
      () => readJson(schema, '[{"age": 1},\n 7,\n [1]]'),
      'TRIAD_ERR_DATA_MALFORMED',
      (error) => {
        assert.equal(error.details, 'line 2 is a number (7); line 3 is a list')
      },
    )
  })

  it('refuses more rows than the limit', () => {
    fails(
      () =>
        readJson(schema, JSON.stringify(Array.from({ length: 6 }, () => ({ age: 1 }))), {
          maxRows: 5,
        }),
      'TRIAD_ERR_DATA_TOO_LARGE',
      (error) => assert.match(error.message, /more than 5 rows/),
    )
  })

  it('reads the example survey as JSON to the same table as its CSV', () => {
    const read = (name: string) =>
      readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')
    const survey = parsePoolSchema(JSON.parse(read('survey.schema.json')))
    assert.deepEqual(
      tableToRows(readJson(survey, read('survey.json'))),
      tableToRows(readCsv(survey, read('survey.csv'))),
    )
  })
})

describe('rows given in code', () => {
  it('validates them like a file and names the row', () => {
    assert.deepEqual(tableToRows(tableFromRows(schema, [{ age: 10n, ok: 1, weight: '2' }])), [
      { age: 10n, ok: true, weight: '2' },
    ])
    fails(
      () => tableFromRows(schema, [{ age: 1 }, { age: -1 }]),
      'TRIAD_ERR_DATA_INVALID',
      (error) => {
        assert.equal(error.details, 'rows, row 2, age: value -1 is below min 0')
      },
    )
  })
})
