import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { isTriadError } from '../../errors/index.ts'
import { decodeFixed, encodeFixed, encodeSigned } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { deal, onAll, open, type TestTrio, testTransports } from '../testing/transports.ts'
import { type Receiver, SecureFixedVector, SecureIntVector } from './index.ts'

const buyer: Receiver = { kind: 'external', name: 'buyer' }

function ints(sessions: readonly Session[], values: bigint[]): SecureIntVector[] {
  const shares = deal(encodeSigned(values))
  return sessions.map((session, i) => SecureIntVector.fromShare(session, shares[i]!))
}

function reals(sessions: readonly Session[], values: number[], bits = 16): SecureFixedVector[] {
  const shares = deal(encodeFixed(values, bits))
  return sessions.map((session, i) => SecureFixedVector.fromShare(session, shares[i]!, bits))
}

const near = (actual: ArrayLike<number>, expected: number[], tolerance = 2 ** -16) => {
  assert.equal(actual.length, expected.length)
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `${actual[i]} vs ${expected[i]}`)
}

for (const transport of testTransports) {
  describe(`secure arithmetic types over ${transport.name}`, () => {
    let trio: TestTrio
    before(async () => {
      trio = await transport.start()
    })
    after(() => trio.stop())

    it('multiplies, dots, divides and adds public integers', async () => {
      const sessions = await trio.open()
      const a = ints(sessions, [3n, -4n, 5n, 0n])
      const b = ints(sessions, [7n, 6n, -1n, 9n])
      const results = await onAll(sessions, async (_, p) => {
        const x = a[p]!
        const y = b[p]!
        const product = await x.mul(y)
        const dot = await x.dot(y)
        const scaled = x.mulPublic(-2).addPublic([1, 1, 1, 100n])
        const halves = await x.mulPublic([2, 2, 2, 2]).divPublic(-4)
        return {
          product: await product.reveal(),
          dot: await dot.reveal(),
          scaled: await scaled.reveal(),
          halves: await halves.reveal(),
          negated: await x.neg().reveal(),
        }
      })
      for (const result of results) {
        assert.deepEqual([...result.product], [21n, -24n, -5n, 0n])
        assert.equal(result.dot, 21n - 24n - 5n)
        assert.deepEqual([...result.scaled], [-5n, 9n, -9n, 100n])
        for (const [i, h] of result.halves.entries()) {
          const exact = ([3, -4, 5, 0][i]! * 2) / -4
          assert.ok(h === BigInt(Math.floor(exact)) || h === BigInt(Math.ceil(exact)))
        }
        assert.deepEqual([...result.negated], [-3n, 4n, -5n, 0n])
      }
    })

    it('computes in fixed point: products, public factors, division, dot, mean', async () => {
      const sessions = await trio.open()
      const values = [1.5, -2.25, 3, 0.125]
      const others = [2, 4, -0.5, 8]
      const x = reals(sessions, values)
      const y = reals(sessions, others)
      const results = await onAll(sessions, async (_, p) => ({
        product: await (await x[p]!.mul(y[p]!)).reveal(),
        scaled: await (await x[p]!.mulPublic(0.5)).reveal(),
        divided: await (await x[p]!.divPublic(3)).reveal(),
        fraction: await (await x[p]!.divPublic(2.5)).reveal(),
        dot: await (await x[p]!.dot(y[p]!)).reveal(),
        mean: await (await x[p]!.mean()).reveal(),
        shifted: await x[p]!.addPublic(1).sub(y[p]!).reveal(),
        rounded: await (await x[p]!.toInt()).reveal(),
        quotient: await (await x[p]!.div(y[p]!.neg().addPublic(10))).reveal(),
        inverse: await (await y[p]!.addPublic(10).reciprocal()).reveal(),
        root: await (await y[p]!.addPublic(10).sqrt()).reveal(),
      }))
      for (const result of results) {
        near(result.product, [3, -9, -1.5, 1])
        near(result.scaled, [0.75, -1.125, 1.5, 0.0625])
        near(
          result.divided,
          values.map((v) => v / 3),
        )
        near(
          result.fraction,
          values.map((v) => v / 2.5),
          2 ** -15,
        )
        near([result.dot], [3 - 9 - 1.5 + 1])
        near([result.mean], [(1.5 - 2.25 + 3 + 0.125) / 4])
        near(result.shifted, [0.5, -5.25, 4.5, -6.875])
        near(
          result.quotient,
          values.map((v, i) => v / (10 - others[i]!)),
          2 ** -13,
        )
        near(
          result.inverse,
          others.map((v) => 1 / (v + 10)),
          2 ** -13,
        )
        near(
          result.root,
          others.map((v) => Math.sqrt(v + 10)),
          2 ** -12,
        )
        for (const [i, r] of result.rounded.entries())
          assert.ok(r === BigInt(Math.floor(values[i]!)) || r === BigInt(Math.ceil(values[i]!)))
      }
    })

    it('converts integers to fixed point and reveals to an external receiver', async () => {
      const sessions = await trio.open()
      const a = ints(sessions, [2n, -3n])
      const out = await onAll(sessions, async (_, p) => {
        const half = await a[p]!.toFixed(16).mulPublic(0.5)
        return half.revealTo(buyer)
      })
      assert.deepEqual([...decodeFixed(open(out), 16)], [1, -1.5])
    })

    it('refuses to mix fractional bits, and prints no share', async () => {
      const sessions = await trio.open()
      const [x] = reals([sessions[0]], [1], 16)
      const [y] = reals([sessions[0]], [1], 12)
      assert.throws(
        () => x!.add(y!),
        (e) => isTriadError(e, 'TRIAD_ERR_FIXED_POINT_MISMATCH'),
      )
      assert.throws(
        () => `${x}`,
        (e) => isTriadError(e, 'TRIAD_ERR_SECRET_NOT_PRINTABLE'),
      )
      assert.equal(inspect(x), 'SecureFixedVector <secret, 1 element>')
      await assert.rejects(x!.divPublic(0), (e) => isTriadError(e, 'TRIAD_ERR_VALUE_OUT_OF_RANGE'))
    })
  })
}
