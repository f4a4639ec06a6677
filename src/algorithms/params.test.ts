import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { stringToHex } from 'viem'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import {
  type AlgorithmManifest,
  checkAlgorithmParams,
  decodeAlgorithmParams,
  encodeAlgorithmParams,
  sumManifest,
} from './index.ts'

const invalid = (pattern: RegExp) => (error: unknown) =>
  isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') && pattern.test(error.message)

describe('algorithm parameters on chain', () => {
  it('encode as canonical JSON bytes and decode back', () => {
    const encoded = encodeAlgorithmParams(sumManifest, { column: 'income' })
    assert.equal(encoded, stringToHex('{"column":"income"}'))
    assert.deepEqual(decodeAlgorithmParams(sumManifest, encoded), { column: 'income' })
  })

  it('are 0x for an algorithm without parameters', () => {
    const none: AlgorithmManifest = { ...sumManifest, params: [] }
    assert.equal(encodeAlgorithmParams(none, {}), '0x')
    assert.deepEqual(decodeAlgorithmParams(none, '0x'), {})
    assert.throws(() => decodeAlgorithmParams(none, '0x00'), invalid(/takes no parameters/))
  })

  it('refuse missing, unknown, non-string and malformed parameters', () => {
    assert.throws(
      () => encodeAlgorithmParams(sumManifest, {}),
      invalid(/needs the parameter "column"/),
    )
    assert.throws(
      () => encodeAlgorithmParams(sumManifest, { column: 'x', colour: 'y' }),
      invalid(/has no parameter "colour"/),
    )
    assert.throws(
      () => encodeAlgorithmParams(sumManifest, { column: 3 }),
      invalid(/needs the parameter/),
    )
    assert.throws(() => encodeAlgorithmParams(sumManifest, []), invalid(/must be an object/))
    assert.throws(() => decodeAlgorithmParams(sumManifest, '0x'), invalid(/not JSON/))
    assert.throws(
      () => decodeAlgorithmParams(sumManifest, stringToHex('{"column":')),
      invalid(/not JSON/),
    )
    assert.throws(
      () => decodeAlgorithmParams(sumManifest, stringToHex('{ "column": "x" }')),
      invalid(/not in canonical form/),
    )
  })

  it('must name a column of the pool whose type the algorithm takes', () => {
    const schema = parsePoolSchema({
      version: 2,
      columns: [
        { name: 'n', type: 'integer', min: 0, max: 1 },
        { name: 'x', type: 'fixed', min: '0', max: '1', nullable: true },
        { name: 'ok', type: 'boolean' },
        { name: 'tag', type: 'categorical', values: ['a'] },
      ],
    })
    for (const column of ['n', 'x', 'ok']) checkAlgorithmParams(sumManifest, { column }, schema)
    assert.throws(
      () => checkAlgorithmParams(sumManifest, { column: 'tag' }, schema),
      (error) =>
        invalid(/column "tag" is categorical/)(error) &&
        /must name one of the pool's integer, fixed, boolean columns: n, x, ok/.test(String(error)),
    )
    assert.throws(
      () => checkAlgorithmParams(sumManifest, { column: 'm' }, schema),
      invalid(/no column "m"/),
    )
  })
})
