import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decodeFixed, encodeFixed } from '../ring/index.ts'
import { deal, onAll, open, type TestTrio, testTransports } from '../testing/transports.ts'
import { divideFixed } from './divideFixed.ts'
import { reciprocalFixed } from './reciprocalFixed.ts'
import { sqrtFixed } from './sqrtFixed.ts'

const f = 16
const step = 2 ** -f

/** The documented bound: relative error 2^(2−f) of the exact value, plus one step. */
function withinBound(actual: number, exact: number): boolean {
  return Math.abs(actual - exact) <= 2 ** (2 - f) * Math.abs(exact) + step
}

for (const transport of testTransports) {
  describe(`secret division and square roots over ${transport.name}`, () => {
    let trio: TestTrio
    before(async () => {
      trio = await transport.start()
    })
    after(() => trio.stop())

    it('computes 1/x across the range: tiny, around 1, large, and the extremes', async () => {
      const edges = [
        step,
        2 * step,
        3 * step,
        0.001,
        0.25,
        0.5,
        0.75,
        1,
        1.5,
        2,
        3,
        7,
        1000,
        65535,
        65536,
        2 ** 30,
        2 ** 45,
      ]
      const random = Array.from(
        { length: 200 },
        () => Math.round(2 ** (Math.random() * 40 - 16) * 2 ** f) / 2 ** f || step,
      )
      // On the grid, so that the exact reciprocal is that of the encoded value.
      const values = [...decodeFixed(encodeFixed([...edges, ...random], f), f)]
      const shared = deal(encodeFixed(values, f))
      const result = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => reciprocalFixed(s, shared[p], f))),
        f,
      )
      for (const [i, r] of result.entries())
        assert.ok(
          withinBound(r, 1 / values[i]!),
          `1/${values[i]} gave ${r}, expected ${1 / values[i]!}`,
        )
    })

    it('gives 0 for 0', async () => {
      const shared = deal(encodeFixed([0, 0], f))
      const result = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => reciprocalFixed(s, shared[p], f))),
        f,
      )
      assert.deepEqual([...result], [0, 0])
    })

    it('divides secret by secret', async () => {
      const x = [
        ...decodeFixed(encodeFixed([1, -3.5, 100, 0.001, -250.25, 5000, 3, 2 ** -16], f), f),
        ...Array.from(
          { length: 100 },
          () => (Math.random() - 0.5) * 2 ** (Math.random() * 16 - 10),
        ),
      ]
      const y = [
        ...decodeFixed(encodeFixed([3, 0.5, 7, 0.002, 1000, 0.25, 2 ** 30, 1], f), f),
        ...Array.from({ length: 100 }, () => 2 ** (Math.random() * 16 - 8)),
      ]
      const [xs, ys] = [deal(encodeFixed(x, f)), deal(encodeFixed(y, f))]
      // |x/y| < 2^14 keeps the products' failure probability below 2^−18 per element.
      // The exact quotient of the encoded values.
      x.splice(0, x.length, ...decodeFixed(encodeFixed(x, f), f))
      y.splice(0, y.length, ...decodeFixed(encodeFixed(y, f), f))
      const result = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => divideFixed(s, xs[p], ys[p], f))),
        f,
      )
      for (const [i, r] of result.entries()) {
        const exact = x[i]! / y[i]!
        assert.ok(withinBound(r, exact), `${x[i]}/${y[i]} gave ${r}`)
      }
    })

    it('computes √x across the range, odd and even exponents, and √0 = 0', async () => {
      const edges = [
        0,
        step,
        2 * step,
        0.25,
        0.5,
        1,
        2,
        3,
        4,
        10,
        1000,
        65536,
        2 ** 31 + 5,
        2 ** 45,
      ]
      const random = Array.from({ length: 200 }, () => 2 ** (Math.random() * 50 - 16))
      const values = [...decodeFixed(encodeFixed([...edges, ...random], f), f)]
      const shared = deal(encodeFixed(values, f))
      const result = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => sqrtFixed(s, shared[p], f))),
        f,
      )
      for (const [i, r] of result.entries()) {
        const exact = Math.sqrt(values[i]!)
        assert.ok(
          Math.abs(r - exact) <= 2 ** (2 - f) * exact + step,
          `√${values[i]} gave ${r}, expected ${exact}`,
        )
      }
      assert.equal(result[0], 0)
    })
  })
}
