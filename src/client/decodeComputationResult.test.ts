import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { decodeComputationResult, describeComputation } from './decodeComputationResult.ts'
import { findKnownAlgorithm } from './knownAlgorithms.ts'

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'visits', type: 'integer', min: 0, max: 365 },
    { name: 'income', type: 'fixed', min: '-1000', max: '1000000', fractionalBits: 16 },
    { name: 'smoker', type: 'boolean', nullable: true },
  ],
})

describe('a result as plain JSON', () => {
  it("reads a sum through the algorithm's own decoding, in the column's units", () => {
    const result = decodeComputationResult({
      algorithm: 'sum',
      params: { column: 'visits' },
      schema,
      rows: 19,
      values: [77n, 1n],
    })
    assert.deepEqual(result, {
      algorithm: 'sum',
      params: { column: 'visits' },
      value: { sum: 77 },
      description: 'sum of visits',
    })
    const fixed = decodeComputationResult({
      algorithm: findKnownAlgorithm('sum').id,
      params: { column: 'income' },
      schema,
      rows: 19,
      values: [861254n * 65536n + 16384n, 1n],
    })
    assert.deepEqual(fixed.value, { sum: 861254.25 })
    assert.equal(fixed.algorithm, 'sum', 'named from its id')
  })

  it('refuses an unknown algorithm and values that do not fit the layout', () => {
    assert.throws(
      () =>
        decodeComputationResult({ algorithm: 'nope', params: {}, schema, rows: 1, values: [1n] }),
      (error) => isTriadError(error, 'TRIAD_ERR_ALGORITHM_UNKNOWN'),
    )
    assert.throws(
      () =>
        decodeComputationResult({
          algorithm: 'sum',
          params: { column: 'visits' },
          schema,
          rows: 1,
          values: [1n, 1n, 1n],
        }),
      (error) => isTriadError(error, 'TRIAD_ERR_SHARES_DISAGREE'),
    )
  })

  it('says what was computed in words', () => {
    assert.equal(
      describeComputation('mean', { column: 'age', groupBy: 'region' }),
      'mean of age per region',
    )
    assert.equal(
      describeComputation('linearRegression', { target: 'visits', features: ['age', 'income'] }),
      'linearRegression of visits on age, income',
    )
    assert.equal(
      describeComputation('correlation', { x: 'age', y: 'income' }),
      'correlation of age and income',
    )
  })
})
