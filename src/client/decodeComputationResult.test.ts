import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { decodeComputationResult } from './decodeComputationResult.ts'

const schema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'visits', type: 'integer', min: 0, max: 365 },
    { name: 'income', type: 'fixed', min: '-1000', max: '1000000', fractionalBits: 16 },
    { name: 'smoker', type: 'boolean', nullable: true },
  ],
})

describe('a result as plain JSON', () => {
  it('reads an integer sum as a number', () => {
    const result = decodeComputationResult({
      algorithm: 'sum',
      params: { column: 'visits' },
      schema,
      values: [77n],
    })
    assert.deepEqual(result, {
      algorithm: 'sum',
      params: { column: 'visits' },
      value: 77,
      description: 'sum of visits',
    })
    assert.equal(JSON.parse(JSON.stringify(result)).value, 77)
  })

  it('reads a fixed-point sum back to its exact decimal value, negative ones too', () => {
    const decode = (raw: bigint) =>
      decodeComputationResult({
        algorithm: 'sum',
        params: { column: 'income' },
        schema,
        values: [raw],
      }).value
    assert.equal(decode(861254n * 65536n + 16384n), 861254.25)
    assert.equal(decode(-32768n), -0.5)
    assert.equal(decode(6554n), 0.100006103515625)
    // Beyond what a double holds exactly, the exact decimal text.
    assert.equal(decode((2n ** 60n + 1n) * 65536n + 1n), '1152921504606846977.0000152587890625')
  })

  it('reads a boolean column sum as a count of true', () => {
    const result = decodeComputationResult({
      algorithm: 'sum',
      params: { column: 'smoker' },
      schema,
      values: [4n],
    })
    assert.equal(result.value, 4)
    assert.equal(result.description, 'count of rows where smoker is true')
  })

  it('refuses an algorithm it cannot read, and a result that does not fit the job', () => {
    assert.throws(
      () => decodeComputationResult({ algorithm: 'median', params: {}, schema, values: [1n] }),
      (error) => isTriadError(error, 'TRIAD_ERR_ALGORITHM_UNKNOWN'),
    )
    assert.throws(
      () =>
        decodeComputationResult({
          algorithm: 'sum',
          params: { column: 'nope' },
          schema,
          values: [1n],
        }),
      (error) => isTriadError(error, 'TRIAD_ERR_SHARES_DISAGREE'),
    )
  })
})
