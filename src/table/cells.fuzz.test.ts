import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { cellParser } from './index.ts'

/** A seeded generator (mulberry32), so a failure can be replayed from the printed seed. */
function generator(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

const seed = Number(process.env.TRIAD_FUZZ_SEED ?? Date.now() % 2 ** 31)

describe(`cell parsing, property tests (seed ${seed}; replay with TRIAD_FUZZ_SEED)`, () => {
  const random = generator(seed)
  const digits = (count: number) =>
    Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
  const decimalText = () => {
    const sign = random() < 0.4 ? '-' : ''
    const whole = digits(1 + Math.floor(random() * 7))
    const fraction = random() < 0.8 ? `.${digits(1 + Math.floor(random() * 19))}` : ''
    return `${sign}${whole}${fraction}`
  }

  for (const fractionalBits of [0, 3, 16, 32]) {
    it(`rounds every decimal to the nearest multiple of 2^-${fractionalBits}, ties to even`, () => {
      const [parse] = parsePoolSchema({
        version: 2,
        columns: [
          { name: 'x', type: 'fixed', min: '-99999999', max: '99999999', fractionalBits: 8 },
        ],
      }).columns.map((spec) => cellParser({ ...spec, fractionalBits } as typeof spec))
      for (let i = 0; i < 2000; i++) {
        const text = decimalText()
        const outcome = parse!(text)
        assert.ok(outcome.ok && outcome.value !== null, `${text} (seed ${seed})`)
        const scaled = outcome.value
        // Exact rational check: x = m / 10^k, scaled / 2^f; |scaled * 10^k - m * 2^f| * 2 <= 10^k.
        const [whole, fraction = ''] = text.replace('-', '').split('.')
        const sign = text.startsWith('-') ? -1n : 1n
        const m = sign * BigInt(`${whole}${fraction}`)
        const k = 10n ** BigInt(fraction.length)
        const error = scaled * k - (m << BigInt(fractionalBits))
        const twice = 2n * (error < 0n ? -error : error)
        assert.ok(
          twice <= k,
          `${text} -> ${scaled} is not nearest at ${fractionalBits} bits (seed ${seed})`,
        )
        if (twice === k)
          assert.equal(scaled % 2n, 0n, `${text}: a tie must go to even (seed ${seed})`)
        // The general parser (reached with surrounding spaces) agrees with the fast path.
        assert.deepEqual(parse!(` ${text} `), outcome, `${text} (seed ${seed})`)
      }
    })
  }

  it('checks integer bounds and forms exactly, fast path and general parser alike', () => {
    const [parse] = parsePoolSchema({
      version: 2,
      columns: [{ name: 'n', type: 'integer', min: '-500000', max: '500000' }],
    }).columns.map(cellParser)
    for (let i = 0; i < 5000; i++) {
      const value = BigInt(Math.floor((random() - 0.5) * 2_000_000))
      const written =
        random() < 0.3 ? `${value}.${'0'.repeat(1 + Math.floor(random() * 3))}` : `${value}`
      const outcome = parse!(written)
      const inside = value >= -500_000n && value <= 500_000n
      assert.equal(outcome.ok, inside, `${written} (seed ${seed})`)
      if (outcome.ok) assert.equal(outcome.value, value, `${written} (seed ${seed})`)
      assert.deepEqual(parse!(` ${written}`), outcome, `${written} (seed ${seed})`)
    }
  })
})
