import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import {
  parsePoolSchema,
  poolSchemaFromUri,
  poolSchemaHash,
  poolSchemaUri,
  validateColumnValues,
} from './poolSchema.ts'

const schema = parsePoolSchema({
  version: 1,
  columns: [{ name: 'value', type: 'integer', min: -5, max: '1000' }],
})

describe('pool schema', () => {
  it('round-trips through its data: URI and checks the hash', () => {
    const back = poolSchemaFromUri(poolSchemaUri(schema), poolSchemaHash(schema))
    assert.deepEqual(back, schema)
  })

  it('refuses a URI whose schema does not match the committed hash', () => {
    const other = parsePoolSchema({
      version: 1,
      columns: [{ name: 'value', type: 'integer', min: 0, max: 1 }],
    })
    assert.throws(
      () => poolSchemaFromUri(poolSchemaUri(other), poolSchemaHash(schema)),
      /does not match its hash/,
    )
  })

  it('names the field of an invalid schema', () => {
    assert.throws(
      () =>
        parsePoolSchema({
          version: 1,
          columns: [{ name: 'Value', type: 'integer', min: 0, max: 1 }],
        }),
      /columns\.0\.name/,
    )
    assert.throws(
      () =>
        parsePoolSchema({ version: 1, columns: [{ name: 'v', type: 'integer', min: 5, max: 1 }] }),
      /min must not exceed max/,
    )
  })

  it('validates values against the bounds, naming the row', () => {
    validateColumnValues(schema, 'value', [-5n, 0n, 1000n])
    assert.throws(
      () => validateColumnValues(schema, 'value', [1n, 1001n]),
      (error) => isTriadError(error, 'TRIAD_ERR_VALUE_OUT_OF_RANGE') && /Row 2/.test(error.message),
    )
    assert.throws(() => validateColumnValues(schema, 'value', []), /at least one row/)
    assert.throws(() => validateColumnValues(schema, 'price', [1n]), /no column "price"/)
  })
})
