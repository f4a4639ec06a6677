import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { reconstructReplicated, shareReplicated } from '../mpc/sharing/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import {
  columnShares,
  DataInvalidError,
  decodeTable,
  encodeTable,
  joinTableShares,
  readCsv,
  tableFromRows,
  tableLayout,
  tableToRows,
} from './index.ts'

const read = (name: string) =>
  readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')
const survey = parsePoolSchema(JSON.parse(read('survey.schema.json')))

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'n', type: 'integer', min: -10, max: 10 },
    { name: 'x', type: 'fixed', min: '-2', max: '2', nullable: true },
    { name: 'b', type: 'boolean', nullable: true },
    { name: 'c', type: 'categorical', values: ['a', 'b', 'c'] },
  ],
})

describe('the layout of a schema', () => {
  it('puts each column’s value vector, then its mask if nullable, in schema order', () => {
    const layout = tableLayout(survey)
    assert.deepEqual(
      layout.vectors.map((vector) => vector.name),
      ['age', 'income', 'income.present', 'smoker', 'smoker.present', 'region', 'visits'],
    )
    assert.deepEqual(
      { ...layout.columns.get('smoker'), spec: undefined },
      { spec: undefined, value: 3, present: 4 },
    )
    assert.equal(layout.columns.get('visits')?.present, undefined)
    assert.equal(layout.columns.get('nope'), undefined)
  })
})

describe('encoding a table as column-major ring vectors', () => {
  const rows = [
    { n: -3, x: '-0.5', b: true, c: 'c' },
    { n: 10, x: null, b: false, c: 'a' },
    { n: 0, x: '1.75', b: null, c: 'b' },
  ]

  it('writes two’s complement values, scaled fixed point, 0/1 booleans, category indices and masks', () => {
    const ring = encodeTable(tableFromRows(schema, rows))
    const wrap = (value: bigint) => BigInt.asUintN(64, value)
    assert.deepEqual(
      [...ring],
      [
        // n
        wrap(-3n),
        10n,
        0n,
        // x, then x.present: the missing value's slot is 0
        wrap(-32_768n),
        0n,
        114_688n,
        1n,
        0n,
        1n,
        // b, b.present
        1n,
        0n,
        0n,
        1n,
        1n,
        0n,
        // c
        2n,
        0n,
        1n,
      ],
    )
  })

  it('decodes back to the same rows', () => {
    const table = tableFromRows(schema, rows)
    const back = decodeTable(schema, 3, encodeTable(table))
    assert.deepEqual(tableToRows(back), tableToRows(table))
    assert.deepEqual(tableToRows(back)[1], { n: 10n, x: null, b: false, c: 'a' })
  })

  it('round-trips the example survey through secret shares', () => {
    const table = readCsv(survey, read('survey.csv'))
    const ring = encodeTable(table)
    assert.equal(ring.length, 8 * 7)
    const opened = reconstructReplicated(shareReplicated(ring))
    assert.deepEqual(tableToRows(decodeTable(survey, 8, opened)), tableToRows(table))
  })

  it('refuses decoding bad masks, non-zero missing slots, out-of-range values and wrong lengths', () => {
    const ring = encodeTable(tableFromRows(schema, rows))
    const broken = ring.slice()
    broken[6] = 2n // x.present of row 1
    broken[4] = 5n // x of row 2, which is missing
    broken[0] = 11n // n of row 1, above max
    assert.throws(
      () => decodeTable(schema, 3, broken),
      (error: unknown) => {
        assert.ok(error instanceof DataInvalidError)
        assert.equal(
          error.details,
          [
            'the decoded table, row 1, n: encoded value 11 is outside [-10, 10]',
            'the decoded table, row 1, x.present: mask 2 is not 0 or 1',
            'the decoded table, row 2, x: missing value has slot 5, not 0',
          ].join('\n'),
        )
        return true
      },
    )
    assert.throws(
      () => decodeTable(schema, 4, ring),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_SHARE_ENCODING') &&
        /4 rows × 6 vectors = 24/.test(error.message),
    )
  })
})

describe('a table’s shares at a node', () => {
  it('joins contributions vector by vector and finds a column by name', () => {
    const first = tableFromRows(schema, rows3(0))
    const second = tableFromRows(schema, rows3(1).slice(0, 2))
    const dealt = [shareReplicated(encodeTable(first)), shareReplicated(encodeTable(second))]
    const tables = [0, 1, 2].map((party) =>
      joinTableShares(schema, [
        { rows: 3, share: dealt[0]![party]! },
        { rows: 2, share: dealt[1]![party]! },
      ]),
    )
    assert.equal(tables[0]!.rows, 5)
    const open = (name: string, role: 'value' | 'present') => {
      const parts = tables.map((table) => columnShares(table, name)[role]!)
      return [...reconstructReplicated([parts[0]!, parts[1]!, parts[2]!])]
    }
    const wrap = (value: bigint) => BigInt.asUintN(64, value)
    assert.deepEqual(open('n', 'value'), [0n, 1n, 2n, 1n, 2n].map(wrap))
    assert.deepEqual(open('x', 'present'), [1n, 0n, 1n, 0n, 1n])
    assert.deepEqual(open('x', 'value'), [16_384n, 0n, 16_384n, 0n, 16_384n])
    assert.equal(columnShares(tables[0]!, 'n').present, undefined)
    assert.throws(
      () => columnShares(tables[0]!, 'price'),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
        /no column "price"/.test(error.message),
    )
  })

  it('refuses a share that is not rows × vectors long', () => {
    const [share] = shareReplicated(encodeTable(tableFromRows(schema, rows3(0))))
    assert.throws(
      () => joinTableShares(schema, [{ rows: 2, share }]),
      (error) => isTriadError(error, 'TRIAD_ERR_SHARE_ENCODING'),
    )
  })
})

function rows3(offset: number) {
  return [0, 1, 2].map((row) => ({
    n: row + offset,
    x: (row + offset) % 2 === 0 ? '0.25' : null,
    b: row === 1,
    c: 'a',
  }))
}
