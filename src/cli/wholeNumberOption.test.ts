import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { wholeNumberOption } from './wholeNumberOption.ts'

describe('wholeNumberOption', () => {
  const sellers = wholeNumberOption('--sellers', 3, 50)

  it('accepts a whole number in range', () => {
    assert.equal(sellers('3'), 3)
    assert.equal(sellers('50'), 50)
  })

  for (const value of ['2', '51', '7x', '1.5', '-4', '', 'five', '1e1']) {
    it(`refuses ${JSON.stringify(value)} with TRIAD_ERR_USAGE naming the range`, () => {
      assert.throws(
        () => sellers(value),
        (error) =>
          isTriadError(error, 'TRIAD_ERR_USAGE') &&
          error.shortMessage === `--sellers must be a whole number from 3 to 50, got ${value}` &&
          error.hint === 'For example: --sellers 5',
      )
    })
  }
})
