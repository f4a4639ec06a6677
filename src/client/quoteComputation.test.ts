import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { choosePayment } from './quoteComputation.ts'

describe('how a job is paid', () => {
  it('uses an allowance that covers the price, whatever was asked', () => {
    for (const wanted of ['auto', 'permit', 'approve', 'allowance'] as const) {
      assert.equal(choosePayment({ price: 5n, allowance: 5n, permit: true }, wanted), 'allowance')
    }
  })

  it('prefers a permit (one transaction) to an approval (two) when left to choose', () => {
    assert.equal(choosePayment({ price: 5n, allowance: 4n, permit: true }, 'auto'), 'permit')
    assert.equal(choosePayment({ price: 5n, allowance: 0n, permit: false }, 'auto'), 'approve')
  })

  it('keeps an explicit choice when the allowance is short', () => {
    assert.equal(choosePayment({ price: 5n, allowance: 0n, permit: true }, 'approve'), 'approve')
    assert.equal(
      choosePayment({ price: 5n, allowance: 0n, permit: true }, 'allowance'),
      'allowance',
    )
  })
})
