import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { type CellOutcome, cellParser, MISSING_RULE } from './index.ts'

const [age, income, smoker, color, score] = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 0, max: 1000 },
    { name: 'income', type: 'fixed', min: '-0.5', max: '1000000', nullable: true },
    { name: 'smoker', type: 'boolean' },
    { name: 'color', type: 'categorical', values: ['red', 'green', 'blue'], nullable: true },
    { name: 'score', type: 'fixed', min: '-1', max: '1', fractionalBits: 2 },
  ],
}).columns.map(cellParser) as [
  (raw: unknown) => CellOutcome,
  (raw: unknown) => CellOutcome,
  (raw: unknown) => CellOutcome,
  (raw: unknown) => CellOutcome,
  (raw: unknown) => CellOutcome,
]

const value = (outcome: CellOutcome) => {
  if (!outcome.ok) assert.fail(`expected a value, got the problem: ${outcome.rule}`)
  return outcome.value
}
const rule = (outcome: CellOutcome) => {
  if (outcome.ok) assert.fail(`expected a problem, got the value ${outcome.value}`)
  return outcome.rule
}

describe('integer cells', () => {
  it('reads whole numbers in every written form', () => {
    assert.equal(value(age('42')), 42n)
    assert.equal(value(age(' 7 ')), 7n)
    assert.equal(value(age('+3')), 3n)
    assert.equal(value(age('1000')), 1000n)
    assert.equal(value(age('0')), 0n)
    assert.equal(value(age('12.0')), 12n) // as pandas writes integers of a column with gaps
    assert.equal(value(age('1e3')), 1000n)
    assert.equal(value(age(42)), 42n)
  })

  it('names the rule a bad cell breaks', () => {
    assert.equal(rule(age('abc')), "'abc' is not an integer")
    assert.equal(rule(age('12.5')), "'12.5' is not an integer")
    assert.equal(rule(age(12.5)), '12.5 is not an integer')
    assert.equal(rule(age('1001')), 'value 1001 is above max 1000')
    assert.equal(rule(age('-1')), 'value -1 is below min 0')
    assert.equal(rule(age(true)), 'true is not an integer')
    assert.equal(rule(age({})), 'an object is not an integer')
    assert.equal(rule(age([1])), 'a list is not an integer')
    assert.equal(rule(age(Number.NaN)), 'NaN is not an integer')
    assert.match(
      rule(age(2 ** 60)),
      /beyond 2\^53, where JSON numbers are not exact; write it as a string/,
    )
    assert.match(rule(age('1'.repeat(41))), /has too many digits/)
    assert.equal(rule(age('')), MISSING_RULE)
    assert.equal(rule(age(null)), MISSING_RULE)
    assert.equal(rule(age(undefined)), MISSING_RULE)
    assert.equal(rule(age('   ')), MISSING_RULE)
  })

  it('cuts long cells in messages', () => {
    assert.equal(rule(age('x'.repeat(100))), `'${'x'.repeat(37)}...' is not an integer`)
  })
})

describe('fixed-point cells', () => {
  it('scales exact decimals by 2^16, rounding to nearest', () => {
    assert.equal(value(income('0.1')), 6554n)
    assert.equal(value(income('-0.5')), -32_768n)
    assert.equal(value(income('1000000')), 65_536_000_000n)
    assert.equal(value(income('52000.50')), 3_407_904_768n)
    assert.equal(value(income(0.25)), 16_384n)
    assert.equal(value(income(1e-7)), 0n) // JSON 1e-7 reads as "1e-7", below the resolution
  })

  it('checks bounds on the exact value, before rounding', () => {
    assert.equal(rule(income('-0.5000001')), 'value -0.5000001 is below min -0.5')
    assert.equal(rule(income('1000000.0000001')), 'value 1000000.0000001 is above max 1000000')
    assert.equal(rule(income('1,5')), "'1,5' is not a decimal number")
    assert.equal(rule(income('12abc')), "'12abc' is not a decimal number")
    assert.equal(rule(income(false)), 'false is not a decimal number')
  })

  it('rounds to the column resolution (2 bits: steps of 0.25), ties to even', () => {
    assert.equal(value(score('0.125')), 0n) // 0.5 steps: tie, to even 0
    assert.equal(value(score('0.375')), 2n) // 1.5 steps: tie, to even 2
    assert.equal(value(score('0.3')), 1n) // 1.2 steps
    assert.equal(value(score('-0.875')), -4n) // -3.5 steps: tie, to even -4
  })

  it('is missing when empty, in a nullable column', () => {
    assert.equal(value(income('')), null)
    assert.equal(value(income(null)), null)
  })
})

describe('boolean cells', () => {
  it('reads true, false, 1 and 0 in any case', () => {
    for (const text of ['true', 'TRUE', 'True', '1', ' true '])
      assert.equal(value(smoker(text)), 1n)
    for (const text of ['false', 'FALSE', '0']) assert.equal(value(smoker(text)), 0n)
    assert.equal(value(smoker(true)), 1n)
    assert.equal(value(smoker(0)), 0n)
  })

  it('refuses anything else', () => {
    assert.equal(rule(smoker('yes')), "'yes' is not a boolean (true, false, 1 or 0)")
    assert.equal(rule(smoker(2)), '2 is not a boolean (true, false, 1 or 0)')
    assert.equal(rule(smoker('')), MISSING_RULE)
  })
})

describe('categorical cells', () => {
  it('encodes a declared value as its index', () => {
    assert.equal(value(color('red')), 0n)
    assert.equal(value(color(' blue ')), 2n)
    assert.equal(value(color(null)), null)
  })

  it('lists the declared values when a cell is not one of them', () => {
    assert.equal(rule(color('purple')), "'purple' is not one of red, green, blue")
    assert.equal(rule(color('Red')), "'Red' is not one of red, green, blue")
    assert.equal(rule(color(3)), '3 is not one of red, green, blue')
  })

  it('shortens the list of a long category set', () => {
    const [many] = parsePoolSchema({
      version: 2,
      columns: [
        { name: 'c', type: 'categorical', values: Array.from({ length: 30 }, (_, i) => `v${i}`) },
      ],
    }).columns.map(cellParser)
    assert.equal(value(many!('v29')), 29n)
    assert.equal(
      rule(many!('x')),
      "'x' is not one of v0, v1, v2, v3, v4, v5, v6, v7, v8, v9 and 20 more",
    )
  })
})
