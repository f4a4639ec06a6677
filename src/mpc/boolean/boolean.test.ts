import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { randomRingVector } from '../ring/index.ts'
import {
  type BooleanShares,
  bitSlice,
  notBits,
  packBits,
  reconstructBoolean,
  shareBoolean,
  unBitSlice,
  unpackBits,
  wordsForBits,
  xorBits,
  xorPublic,
} from './index.ts'

const edges = new BigUint64Array([0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 2n ** 63n - 1n, 0xf0f0n])

describe('bit packing', () => {
  it('packs bit j into bit j mod 64 of word j / 64', () => {
    const bits = Array.from({ length: 130 }, (_, j) => (j % 3 === 0 ? 1 : 0))
    const words = packBits(bits)
    assert.equal(words.length, 3)
    for (let j = 0; j < bits.length; j++)
      assert.equal((words[j >> 6]! >> BigInt(j & 63)) & 1n, BigInt(bits[j]!))
    assert.deepEqual([...unpackBits(words, 130)], bits)
    assert.deepEqual([...packBits([true, false, true])], [5n])
    assert.equal(wordsForBits(0), 0)
    assert.equal(wordsForBits(64), 1)
    assert.equal(wordsForBits(65), 2)
  })

  it('refuses to unpack more bits than the words hold', () => {
    assert.throws(
      () => unpackBits(new BigUint64Array(1), 65),
      (e) => isTriadError(e, 'TRIAD_ERR_VECTOR_LENGTH_MISMATCH'),
    )
  })
})

describe('bit slicing', () => {
  it('puts bit k of value e at bit e of plane k, and back', () => {
    for (const values of [
      edges,
      randomRingVector(1000),
      randomRingVector(64),
      randomRingVector(33),
      new BigUint64Array(0),
    ]) {
      const planes = bitSlice(values)
      const w = wordsForBits(values.length)
      assert.equal(planes.length, 64 * w)
      for (let e = 0; e < values.length; e++)
        for (const k of [0, 1, 31, 32, 33, 62, 63])
          assert.equal(
            (planes[k * w + (e >> 6)]! >> BigInt(e & 63)) & 1n,
            (values[e]! >> BigInt(k)) & 1n,
          )
      assert.deepEqual(unBitSlice(planes, values.length), values)
    }
  })

  it('slices only the low planes when asked', () => {
    const values = randomRingVector(100)
    const low = bitSlice(values, 20)
    assert.deepEqual(low, bitSlice(values).subarray(0, 20 * 2))
    const mask = (1n << 20n) - 1n
    assert.deepEqual(
      unBitSlice(low, 100, 20),
      values.map((v) => v & mask),
    )
  })
})

describe('boolean sharing', () => {
  it('reconstructs, and XOR and NOT act locally', () => {
    const x = randomRingVector(50)
    const y = randomRingVector(50)
    const xs = shareBoolean(x)
    const ys = shareBoolean(y)
    const xor = [0, 1, 2].map((i) => xorBits(xs[i]!, ys[i]!)) as unknown as BooleanShares
    assert.deepEqual(
      reconstructBoolean(xor),
      x.map((v, i) => v ^ y[i]!),
    )
    const not = [0, 1, 2].map((i) => notBits(xs[i]!, i as 0 | 1 | 2)) as unknown as BooleanShares
    assert.deepEqual(
      reconstructBoolean(not),
      x.map((v) => v ^ (2n ** 64n - 1n)),
    )
    const c = randomRingVector(50)
    const flipped = [0, 1, 2].map((i) =>
      xorPublic(xs[i]!, i as 0 | 1 | 2, c),
    ) as unknown as BooleanShares
    assert.deepEqual(
      reconstructBoolean(flipped),
      x.map((v, i) => v ^ c[i]!),
    )
  })

  it('hides the words in each party’s view', () => {
    const [s0] = shareBoolean(new BigUint64Array(8))
    assert.ok(s0.first.some((v) => v !== 0n))
  })

  it('detects disagreeing copies', () => {
    const shares = shareBoolean(edges)
    const tampered: BooleanShares = [
      { first: shares[0].first.slice(), second: shares[0].second },
      shares[1],
      shares[2],
    ]
    tampered[0].first[2] = tampered[0].first[2]! ^ 4n
    assert.throws(
      () => reconstructBoolean(tampered),
      (e) =>
        isTriadError(e, 'TRIAD_ERR_SHARES_DISAGREE') &&
        /x0 .* party 0 and party 2/.test(e.details!),
    )
  })
})
