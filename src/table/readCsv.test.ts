import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isTriadError, type TriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { DataInvalidError, readCsv, tableToRows } from './index.ts'

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 0, max: 1000 },
    { name: 'color', type: 'categorical', values: ['red', 'green', 'blue'] },
    { name: 'weight', type: 'fixed', min: '0', max: '500', nullable: true },
  ],
})

function fails(
  text: string,
  code: TriadError['code'],
  check: (error: TriadError) => void,
  options = {},
) {
  assert.throws(
    () => readCsv(schema, text, { source: 'data.csv', ...options }),
    (error: unknown) => {
      assert.ok(isTriadError(error, code), `expected ${code}, got ${String(error)}`)
      assert.ok(error.hint, 'every error has a hint')
      check(error)
      return true
    },
  )
}

describe('reading CSV against a schema', () => {
  it('matches the header to the columns in any order and keeps missing values as missing', () => {
    const table = readCsv(schema, 'weight,age,color\n70.5,42,red\n,7,blue\n')
    assert.deepEqual(tableToRows(table), [
      { age: 42n, color: 'red', weight: '70.5' },
      { age: 7n, color: 'blue', weight: null },
    ])
    assert.equal(table.rowCount, 2)
  })

  it('handles quotes, mixed CRLF/LF/CR line ends, a byte-order mark, blank lines and a header with spaces', () => {
    const text = '\ufeffage ,color,weight\r\n"42",red,"1.5"\r\n\r\n7,"blue",\n8,green,\r'
    assert.deepEqual(tableToRows(readCsv(schema, text)), [
      { age: 42n, color: 'red', weight: '1.5' },
      { age: 7n, color: 'blue', weight: null },
      { age: 8n, color: 'green', weight: null },
    ])
  })

  it('reads tab-separated values with a delimiter', () => {
    const table = readCsv(schema, 'age\tcolor\tweight\n1\tgreen\t2\n', { delimiter: '\t' })
    assert.deepEqual(tableToRows(table), [{ age: 1n, color: 'green', weight: '2' }])
  })

  it('lists every bad cell with file, line (as an editor counts, header line 1), column and rule', () => {
    const text = [
      'age,color,weight', // 1
      'abc,red,1', // 2
      '', // 3 (blank, skipped)
      '1001,purple,2', // 4
      '5,"gre', // 5: a quoted cell over two lines
      'en",', // 6
      ',blue,-1', // 7
    ].join('\n')
    fails(text, 'TRIAD_ERR_DATA_INVALID', (error) => {
      assert.ok(error instanceof DataInvalidError)
      assert.equal(error.shortMessage, 'data.csv: 6 values do not match the pool schema')
      assert.equal(
        error.details,
        [
          "data.csv, line 2, age: 'abc' is not an integer",
          'data.csv, line 4, age: value 1001 is above max 1000',
          "data.csv, line 4, color: 'purple' is not one of red, green, blue",
          "data.csv, line 5, color: 'gre\nen' is not one of red, green, blue",
          'data.csv, line 7, age: missing value in non-nullable column',
          'data.csv, line 7, weight: value -1 is below min 0',
        ].join('\n'),
      )
      assert.equal(error.total, 6)
      assert.deepEqual(error.problems[0], {
        source: 'data.csv',
        line: 2,
        row: 1,
        column: 'age',
        rule: "'abc' is not an integer",
      })
      assert.equal(
        error.hint,
        'Fix the listed cells and try again. age: an integer from 0 to 1000 (required); color: one of red, green, blue (required); weight: a decimal number from 0 to 500, or empty.',
      )
    })
  })

  it('lists 20 problems and counts the rest', () => {
    const text = `age,color,weight\n${'x,red,1\n'.repeat(45)}`
    fails(text, 'TRIAD_ERR_DATA_INVALID', (error) => {
      assert.ok(error instanceof DataInvalidError)
      assert.equal(error.problems.length, 20)
      assert.equal(error.total, 45)
      const lines = error.details!.split('\n')
      assert.equal(lines.length, 21)
      assert.equal(lines[19], "data.csv, line 21, age: 'x' is not an integer")
      assert.equal(lines[20], '... and 25 more (45 in all)')
    })
  })

  it('names missing, unknown and repeated header columns', () => {
    fails('age,colour,extra\n1,red,x\n', 'TRIAD_ERR_DATA_COLUMNS_MISMATCH', (error) => {
      assert.equal(
        error.shortMessage,
        "data.csv: the header (line 1) does not match the pool's columns",
      )
      assert.equal(error.details, 'missing "color", "weight"; unknown "colour", "extra"')
      assert.match(error.hint!, /exactly once, in any order: age, color, weight/)
    })
    fails('age,color,weight,age\n1,red,2,1\n', 'TRIAD_ERR_DATA_COLUMNS_MISMATCH', (error) => {
      assert.equal(error.details, 'repeated "age"')
    })
    fails('Age,color,weight\n1,red,2\n', 'TRIAD_ERR_DATA_COLUMNS_MISMATCH', (error) => {
      assert.equal(error.details, 'missing "age"; unknown "Age"')
    })
  })

  it('refuses ragged rows, naming their lines', () => {
    fails('age,color,weight\n1,red,2\n3,blue\n4,red,5,6\n', 'TRIAD_ERR_DATA_MALFORMED', (error) => {
      assert.equal(
        error.shortMessage,
        'data.csv: 2 rows have a different number of cells than the header (3)',
      )
      assert.equal(error.details, 'line 3 has 2 cells; line 4 has 4 cells')
    })
  })

  it('refuses unbalanced quotes with the line csv-parse reports', () => {
    fails('age,color,weight\n1,"red,2\n3,blue,4\n', 'TRIAD_ERR_DATA_MALFORMED', (error) => {
      assert.equal(error.shortMessage, 'data.csv is not well-formed CSV')
      assert.match(
        error.details!,
        /^line 2: a quoted field starts on this line and is never closed \(Quote Not Closed: .*\)$/,
      )
    })
    fails(
      'age,color,weight\n1,red,2\n\n\n3,"blue,4\n5,red,6\n',
      'TRIAD_ERR_DATA_MALFORMED',
      (error) => {
        assert.match(error.details!, /^line 5: a quoted field starts on this line/)
      },
    )
    fails('age,"color,weight\n1,red,2\n', 'TRIAD_ERR_DATA_MALFORMED', (error) => {
      assert.match(error.details!, /^line 1: a quoted field starts on this line/)
    })
    fails('age,color,weight\n1,"red"x,2\n', 'TRIAD_ERR_DATA_MALFORMED', (error) => {
      assert.match(
        error.details!,
        /^line 2: Invalid Closing Quote: .*\(CSV_INVALID_CLOSING_QUOTE\)$/,
      )
    })
  })

  it('refuses an empty file', () => {
    fails('', 'TRIAD_ERR_DATA_MALFORMED', (error) => assert.match(error.message, /is empty/))
  })

  it('refuses more rows than the limit, without reading on', () => {
    const text = `age,color,weight\n${'1,red,2\n'.repeat(11)}`
    assert.equal(readCsv(schema, text, { maxRows: 11 }).rowCount, 11)
    fails(
      text,
      'TRIAD_ERR_DATA_TOO_LARGE',
      (error) => {
        assert.equal(error.shortMessage, 'data.csv has more than 10 rows')
      },
      { maxRows: 10 },
    )
  })

  it('reads the example survey: 8 rows, missing incomes and smoker answers kept as missing', () => {
    const example = parsePoolSchema(
      JSON.parse(
        readFileSync(new URL('../../examples/survey.schema.json', import.meta.url), 'utf8'),
      ),
    )
    const table = readCsv(
      example,
      readFileSync(new URL('../../examples/survey.csv', import.meta.url), 'utf8'),
      { source: 'examples/survey.csv' },
    )
    assert.equal(table.rowCount, 8)
    const rows = tableToRows(table)
    assert.deepEqual(rows[1], { age: 58n, income: null, smoker: true, region: 'south', visits: 7n })
    assert.deepEqual(rows[2], {
      age: 23n,
      income: '18250.25',
      smoker: null,
      region: 'east',
      visits: 0n,
    })
    assert.equal(rows.filter((row) => row.income === null).length, 2)
  })
})
