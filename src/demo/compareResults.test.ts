import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareResults } from './compareResults.ts'

describe('an opened result against its plaintext twin', () => {
  it('agrees when equal, or when numbers differ in their last bits only', () => {
    assert.deepEqual(
      compareResults({ sum: 77, bins: [{ count: 3 }] }, { sum: 77, bins: [{ count: 3 }] }),
      {
        agrees: true,
        largestDifference: 0,
        where: undefined,
      },
    )
    const close = compareResults({ r2: 0.8155594400000001 }, { r2: 0.81555944 })
    assert.equal(close.agrees, true)
    assert.ok(close.largestDifference > 0 && close.largestDifference < 1e-15)
  })

  it('names where they part: a number, a missing field, a length, a null', () => {
    assert.match(compareResults({ sum: 78 }, { sum: 77 }).where!, /^sum: 78 vs 77$/)
    assert.match(compareResults({ a: 1 }, { a: 1, b: 2 }).where!, /b: missing/)
    assert.match(compareResults({ bins: [1] }, { bins: [1, 2] }).where!, /bins: 1 items vs 2/)
    assert.equal(compareResults({ count: null }, { count: 0 }).agrees, false)
    assert.equal(compareResults({ mean: Number.NaN }, { mean: 1 }).agrees, false)
  })
})
