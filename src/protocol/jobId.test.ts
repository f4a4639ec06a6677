import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import { jobIdOf, splitJobId } from './jobId.ts'

describe('job ids', () => {
  it('packs the pool in the high bits and the sequence in the low 64', () => {
    assert.equal(jobIdOf(1n, 0n), 2n ** 64n)
    assert.equal(jobIdOf(3n, 5n), 3n * 2n ** 64n + 5n)
    assert.deepEqual(splitJobId(jobIdOf(7n, 2n ** 64n - 1n)), {
      poolId: 7n,
      sequence: 2n ** 64n - 1n,
    })
  })

  it('refuses a pool 0 or a sequence beyond 64 bits', () => {
    assert.throws(
      () => jobIdOf(0n, 0n),
      (error) => isTriadError(error, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'),
    )
    assert.throws(() => jobIdOf(1n, 2n ** 64n), /poolId 1, sequence 18446744073709551616/)
  })
})
