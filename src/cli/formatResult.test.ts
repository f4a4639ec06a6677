import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatResult } from './formatResult.ts'

describe('a result for people', () => {
  it('puts a single number on one line', () => {
    assert.deepEqual(formatResult('sum of visits', { sum: 77 }), ['sum of visits = 77'])
  })

  it('aligns fields, indents nested objects and draws lists of records as tables', () => {
    assert.deepEqual(
      formatResult('histogram of age', {
        bins: [
          { from: 18, to: 30, count: 4 },
          { from: 30, to: 100, count: null },
        ],
        outside: 0,
      }),
      [
        'histogram of age',
        '  bins',
        '    from  to   count',
        '    18    30   4',
        '    30    100  null',
        '  outside  0',
      ],
    )
    assert.deepEqual(
      formatResult('linearRegression of y on a', {
        count: 10,
        coefficients: { a: 2.5 },
        r2: 0.9,
        names: ['a', 'b'],
      }),
      [
        'linearRegression of y on a',
        '  count  10',
        '  coefficients',
        '    a  2.5',
        '  r2     0.9',
        '  names  a, b',
      ],
    )
  })
})
