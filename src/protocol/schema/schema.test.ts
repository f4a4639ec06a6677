import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError, type TriadError } from '../../errors/index.ts'
import {
  canonicalSchemaJson,
  encodedRange,
  MAX_ENCODED_VALUE,
  MAX_TABLE_ROWS,
  MIN_ENCODED_VALUE,
  parsePoolSchema,
  poolSchemaFromUri,
  poolSchemaHash,
  poolSchemaUri,
} from './index.ts'

const example = {
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 0, max: '120' },
    { name: 'income', type: 'fixed', min: '0', max: '250000.00', nullable: true },
    { name: 'smoker', type: 'boolean', nullable: true },
    { name: 'region', type: 'categorical', values: ['north', 'south', 'east', 'west'] },
  ],
}

function schemaError(input: unknown, pattern: RegExp): void {
  assert.throws(
    () => parsePoolSchema(input),
    (error: TriadError) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_SCHEMA_INVALID'), String(error))
      assert.match(error.message, pattern)
      assert.ok(error.hint, 'has a hint')
      return true
    },
  )
}

const withColumn = (column: Record<string, unknown>) => ({ version: 2, columns: [column] })

describe('pool schema version 2', () => {
  it('reads all four column types and fills in the defaults', () => {
    const schema = parsePoolSchema(example)
    assert.deepEqual(schema.columns, [
      { name: 'age', type: 'integer', min: 0n, max: 120n, nullable: false },
      {
        name: 'income',
        type: 'fixed',
        min: '0',
        max: '250000',
        fractionalBits: 16,
        nullable: true,
      },
      { name: 'smoker', type: 'boolean', nullable: true },
      {
        name: 'region',
        type: 'categorical',
        values: ['north', 'south', 'east', 'west'],
        nullable: false,
      },
    ])
  })

  it('has one canonical JSON, so one hash, for every way of writing the same schema', () => {
    const a = parsePoolSchema(example)
    const b = parsePoolSchema({
      columns: [
        { max: 120, min: '0', type: 'integer', name: 'age', nullable: false },
        {
          name: 'income',
          type: 'fixed',
          min: '0.000',
          max: '2.5e5',
          fractionalBits: 16,
          nullable: true,
        },
        { name: 'smoker', type: 'boolean', nullable: true },
        { name: 'region', type: 'categorical', values: ['north', 'south', 'east', 'west'] },
      ],
      version: 2,
    })
    assert.equal(canonicalSchemaJson(a), canonicalSchemaJson(b))
    assert.equal(poolSchemaHash(a), poolSchemaHash(b))
    assert.equal(
      canonicalSchemaJson(a),
      '{"version":2,"columns":[{"name":"age","type":"integer","min":"0","max":"120","nullable":false},{"name":"income","type":"fixed","min":"0","max":"250000","fractionalBits":16,"nullable":true},{"name":"smoker","type":"boolean","nullable":true},{"name":"region","type":"categorical","values":["north","south","east","west"],"nullable":false}]}',
    )
    const nullableAge = parsePoolSchema({
      ...example,
      columns: [{ ...example.columns[0], nullable: true }, ...example.columns.slice(1)],
    })
    assert.notEqual(poolSchemaHash(nullableAge), poolSchemaHash(a))
  })

  it('round-trips through its data: URI (with non-ASCII text) and checks the hash', () => {
    const schema = parsePoolSchema({
      version: 2,
      columns: [
        { name: 'city', type: 'categorical', values: ['Zürich', 'São Paulo', '東京'] },
        { name: 'score', type: 'fixed', min: '-1.5', max: '1.5', description: 'z-score, ±' },
      ],
    })
    assert.deepEqual(poolSchemaFromUri(poolSchemaUri(schema), poolSchemaHash(schema)), schema)
  })

  it('refuses a URI whose schema does not match the committed hash, or that does not decode', () => {
    const schema = parsePoolSchema(example)
    const other = parsePoolSchema(withColumn({ name: 'value', type: 'integer', min: 0, max: 1 }))
    assert.throws(
      () => poolSchemaFromUri(poolSchemaUri(other), poolSchemaHash(schema)),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_SCHEMA_INVALID') && /match its hash/.test(error.message),
    )
    assert.throws(
      () => poolSchemaFromUri('https://example.com/schema.json', poolSchemaHash(schema)),
      /not a data: URI/,
    )
    assert.throws(
      () => poolSchemaFromUri('data:application/json;base64,e30=x', poolSchemaHash(schema)),
      /does not decode/,
    )
  })

  it('says what to do with a version 1 schema', () => {
    schemaError({ version: 1, columns: [] }, /has version 1/)
  })

  it('names each bad field', () => {
    schemaError(
      withColumn({ name: 'Age', type: 'integer', min: 0, max: 1 }),
      /columns\.0\.name: lower-case/,
    )
    schemaError(withColumn({ name: 'a', type: 'integer', min: 5, max: 1 }), /min 5 exceeds max 1/)
    schemaError(
      withColumn({ name: 'a', type: 'fixed', min: '2.5', max: '2.4' }),
      /min 2.5 exceeds max 2.4/,
    )
    schemaError(
      withColumn({ name: 'a', type: 'fixed', min: 0, max: '1' }),
      /columns\.0\.min: a decimal number written as a string/,
    )
    schemaError(withColumn({ name: 'a', type: 'fixed', min: '0', max: '1,5' }), /columns\.0\.max/)
    schemaError(
      withColumn({ name: 'a', type: 'fixed', min: '0', max: '1', fractionalBits: 33 }),
      /fractionalBits/,
    )
    schemaError(withColumn({ name: 'a', type: 'integer', min: 0.5, max: 1 }), /columns\.0\.min/)
    schemaError(withColumn({ name: 'a', type: 'text' }), /columns\.0\.type/)
    schemaError(withColumn({ name: 'a', type: 'boolean', nulable: true }), /nulable/)
    schemaError(withColumn({ name: 'a', type: 'categorical', values: [] }), /columns\.0\.values/)
    schemaError(
      withColumn({ name: 'a', type: 'categorical', values: ['x', 'y', 'x'] }),
      /"x" is listed twice/,
    )
    schemaError(
      withColumn({ name: 'a', type: 'categorical', values: [' x'] }),
      /leading or trailing spaces/,
    )
    schemaError(
      withColumn({
        name: 'a',
        type: 'categorical',
        values: Array.from({ length: 257 }, (_, i) => `v${i}`),
      }),
      /columns\.0\.values/,
    )
    schemaError(
      {
        version: 2,
        columns: [
          { name: 'a', type: 'boolean' },
          { name: 'a', type: 'integer', min: 0, max: 1 },
        ],
      },
      /columns\.1\.name: the name "a" is used twice/,
    )
    schemaError({ version: 2, columns: [] }, /columns/)
    schemaError({ version: 2, columns: [{ name: 'a', type: 'boolean' }], extra: 1 }, /extra/)
  })
})

describe('bounds that keep sums of 2^24 rows inside the 64-bit ring', () => {
  it('is the rule: encoded values within [-2^39, 2^39 - 1]', () => {
    assert.equal(MAX_TABLE_ROWS, 2 ** 24)
    // The largest sum of 2^24 values at the bounds still fits the signed ring, one more does not.
    assert.ok(BigInt(MAX_TABLE_ROWS) * MAX_ENCODED_VALUE <= 2n ** 63n - 1n)
    assert.ok(BigInt(MAX_TABLE_ROWS) * (MAX_ENCODED_VALUE + 1n) > 2n ** 63n - 1n)
    assert.ok(BigInt(MAX_TABLE_ROWS) * MIN_ENCODED_VALUE >= -(2n ** 63n))
    assert.ok(BigInt(MAX_TABLE_ROWS) * (MIN_ENCODED_VALUE - 1n) < -(2n ** 63n))
  })

  it('accepts integer bounds up to the limit and refuses one beyond, saying why', () => {
    parsePoolSchema(
      withColumn({ name: 'a', type: 'integer', min: '-549755813888', max: '549755813887' }),
    )
    schemaError(
      withColumn({ name: 'a', type: 'integer', min: 0, max: '549755813888' }),
      /columns\.0\.max: max 549755813888 is out of range: sums of up to 16777216 rows \(2\^24\) must fit the signed 64-bit ring, so integer bounds must lie within \[-549755813888, 549755813887\]/,
    )
    schemaError(
      withColumn({ name: 'a', type: 'integer', min: '-549755813889', max: 0 }),
      /columns\.0\.min: min -549755813889 is out of range/,
    )
    schemaError(
      withColumn({ name: 'a', type: 'integer', min: 0, max: '99999999999999999999999' }),
      /max/,
    )
  })

  it('scales fixed-point bounds by 2^fractionalBits before applying the rule', () => {
    // 16 bits: |value| up to 2^23 = 8388608 (max 8388607.99998...).
    parsePoolSchema(withColumn({ name: 'a', type: 'fixed', min: '-8388608', max: '8388607.99998' }))
    schemaError(
      withColumn({ name: 'a', type: 'fixed', min: '0', max: '8388608' }),
      /max 8388608 is out of range: .* with 16 fractional bits the bounds must lie within \[-8388608, 8388607\.9999847412109375\] \(±2\^23\); narrow the bounds or use fewer fractional bits/,
    )
    // The same bound fits with 8 fractional bits.
    parsePoolSchema(
      withColumn({ name: 'a', type: 'fixed', min: '0', max: '8388608', fractionalBits: 8 }),
    )
    assert.deepEqual(
      encodedRange(
        parsePoolSchema(withColumn({ name: 'a', type: 'fixed', min: '-1', max: '2.5' }))
          .columns[0]!,
      ),
      { min: -65_536n, max: 163_840n },
    )
  })

  it('encodes booleans and categories into small ranges', () => {
    const schema = parsePoolSchema(example)
    assert.deepEqual(encodedRange(schema.columns[2]!), { min: 0n, max: 1n })
    assert.deepEqual(encodedRange(schema.columns[3]!), { min: 0n, max: 3n })
  })
})
