import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decodeFixed, encodeFixed } from '../ring/index.ts'
import { deal, onAll, open, type TestTrio, testTransports } from '../testing/transports.ts'
import { divideByPublic, dotProductsFixed, gramMatrix, multiplyFixed } from './index.ts'

const f = 16
const step = 2 ** -f

/** Reals on the fixed-point grid (so encoding is exact), uniform in (−bound, bound). */
function gridValues(count: number, bound: number): number[] {
  return Array.from(
    { length: count },
    () => Math.round((Math.random() * 2 - 1) * bound * 2 ** f) / 2 ** f,
  )
}

/** The exact product of two grid values, in steps, and whether r is within one step of it. */
function withinOneStep(r: number, exact: number): boolean {
  return Math.abs(r - exact) < step
}

for (const transport of testTransports) {
  describe(`fixed-point protocols over ${transport.name}`, () => {
    let trio: TestTrio
    before(async () => {
      trio = await transport.start()
    })
    after(() => trio.stop())

    it('multiplies with truncation within one step, for random and edge values', async () => {
      // |product| < 2^6 keeps the failure probability below 2^−26 per element.
      const edges = [0, 1, -1, step, -step, 0.5, -0.5, 7.999984741210938, -8]
      const a = [...edges.flatMap((x) => edges.map(() => x)), ...gridValues(500, 8)]
      const b = [...edges.flatMap(() => edges), ...gridValues(500, 8)]
      const [as, bs] = [deal(encodeFixed(a, f)), deal(encodeFixed(b, f))]
      const product = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => multiplyFixed(s, as[p], bs[p], f))),
        f,
      )
      for (const [i, r] of product.entries())
        assert.ok(withinOneStep(r, a[i]! * b[i]!), `${a[i]} × ${b[i]} gave ${r}`)
      assert.equal(product[0], 0)
      assert.equal(product[edges.length + 1], 1) // 1 × 1 is exact
    })

    it('multiplies the largest values whose product fits, failing only as documented', async () => {
      // With f = 16 a product must stay below 2^31 in magnitude. At |p| = 2^30 the documented
      // failure probability is |p|·2^(2f−64) = 1/4: every element is either within one step or
      // off by 2^(64−2f) = 2^32 (mod 2^(64−f)), and about a quarter fail.
      const n = 4000
      const big = 2 ** 15
      const a = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? big : -big))
      const b = Array.from({ length: n }, (_, i) => (i % 4 < 2 ? big : -big))
      const [as, bs] = [deal(encodeFixed(a, f)), deal(encodeFixed(b, f))]
      const product = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => multiplyFixed(s, as[p], bs[p], f))),
        f,
      )
      let failures = 0
      for (const [i, r] of product.entries()) {
        const exact = a[i]! * b[i]!
        if (withinOneStep(r, exact)) continue
        failures++
        // A failure shifts the product by ∓2^64 before the division by 2^16: 2^48 in real terms,
        // which wraps the 2^47 range of the encoding to exact ∓ 2^32 (within a step).
        const shifted = exact > 0 ? exact - 2 ** 32 : exact + 2 ** 32
        assert.ok(Math.abs(r - shifted) <= step, `element ${i}: ${exact} gave ${r}`)
      }
      // Expected n/4 = 1000, standard deviation ≈ 27; allow 6 of them.
      assert.ok(Math.abs(failures - n / 4) < 165, `${failures} failures`)
    })

    it('computes fixed-point dot products truncated once, within one step', async () => {
      const lengths = [1, 10, 1000]
      const vectors = lengths.map(
        (length) => [gridValues(length, 1), gridValues(length, 1)] as const,
      )
      const shared = vectors.map(
        ([x, y]) => [deal(encodeFixed(x, f)), deal(encodeFixed(y, f))] as const,
      )
      const sessions = await trio.open()
      const result = decodeFixed(
        open(
          await onAll(sessions, (s, p) =>
            dotProductsFixed(
              s,
              shared.map(([xs, ys]) => [xs[p], ys[p]] as const),
              f,
            ),
          ),
        ),
        f,
      )
      for (const [k, [x, y]] of vectors.entries()) {
        const exact = x.reduce((total, value, i) => total + value * y[i]!, 0)
        assert.ok(
          withinOneStep(result[k]!, exact),
          `length ${lengths[k]}: ${result[k]} vs ${exact}`,
        )
      }
    })

    it('computes X^T·X in fixed point', async () => {
      const columns = [gridValues(200, 2), gridValues(200, 2)]
      const shared = columns.map((column) => deal(encodeFixed(column, f)))
      const gram = decodeFixed(
        open(
          await onAll(await trio.open(), (s, p) =>
            gramMatrix(
              s,
              shared.map((c) => c[p]),
              f,
            ),
          ),
        ),
        f,
      )
      const expected = columns.flatMap((a) =>
        columns.map((b) => a.reduce((t, v, i) => t + v * b[i]!, 0)),
      )
      for (const [k, value] of gram.entries()) assert.ok(withinOneStep(value, expected[k]!))
      assert.equal(gram[1], gram[2])
    })

    it('divides fixed-point values by a public integer within one step', async () => {
      const values = [0, 1, -1, 1000.5, -1000.5, step, ...gridValues(200, 1e6)]
      const shared = deal(encodeFixed(values, f))
      const quotient = decodeFixed(
        open(await onAll(await trio.open(), (s, p) => divideByPublic(s, shared[p], 7n))),
        f,
      )
      for (const [i, r] of quotient.entries())
        assert.ok(withinOneStep(r, values[i]! / 7), `${values[i]} / 7 gave ${r}`)
    })
  })
}
