import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  compareDecimals,
  type Decimal,
  decimalToBigint,
  decimalToScaled,
  formatDecimal,
  formatScaled,
  MAX_SIGNIFICANT_DIGITS,
  parseDecimal,
} from './decimal.ts'

function decimal(text: string): Decimal {
  const parsed = parseDecimal(text)
  assert.ok(parsed.ok, `${text} should parse`)
  return parsed.value
}

describe('decimal strings, parsed exactly', () => {
  it('parses the forms people write and normalises them', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['-0', '0'],
      ['+7', '7'],
      ['007.500', '7.5'],
      ['.5', '0.5'],
      ['3.', '3'],
      ['-0.50', '-0.5'],
      ['1e3', '1000'],
      ['1.5E-3', '0.0015'],
      ['  12  ', '12'],
      ['0.000000000000000000000000000001', '0.000000000000000000000000000001'],
    ]
    for (const [text, canonical] of cases) assert.equal(formatDecimal(decimal(text)), canonical)
  })

  it('refuses what is not a decimal number', () => {
    for (const text of [
      '',
      ' ',
      '.',
      '-',
      '1,5',
      '1.2.3',
      'abc',
      '0x10',
      '1e',
      'NaN',
      '∞',
      '1 000',
    ]) {
      assert.deepEqual(parseDecimal(text), { ok: false, reason: 'syntax' }, text)
    }
  })

  it(`refuses more than ${MAX_SIGNIFICANT_DIGITS} significant digits and huge exponents`, () => {
    const forty = '1'.repeat(MAX_SIGNIFICANT_DIGITS)
    assert.equal(parseDecimal(forty).ok, true)
    assert.equal(parseDecimal(`0.${forty}`).ok, true)
    assert.deepEqual(parseDecimal(`${forty}1`), { ok: false, reason: 'too-long' })
    assert.deepEqual(parseDecimal(`0.${forty}1`), { ok: false, reason: 'too-long' })
    // Leading and trailing zeros are not significant.
    assert.equal(parseDecimal(`000${forty}000.000`).ok, true)
    assert.deepEqual(parseDecimal('1e101'), { ok: false, reason: 'too-long' })
    assert.deepEqual(parseDecimal('1e-101'), { ok: false, reason: 'too-long' })
    assert.equal(parseDecimal('1e100').ok, true)
  })

  it('compares exactly, whatever the written form', () => {
    assert.equal(compareDecimals(decimal('0.1'), decimal('0.10')), 0)
    assert.equal(compareDecimals(decimal('0.1'), decimal('1e-1')), 0)
    assert.equal(compareDecimals(decimal('-0.5'), decimal('-0.49999999999999999999')), -1)
    assert.equal(compareDecimals(decimal('1000.0000000000000000001'), decimal('1000')), 1)
    assert.equal(compareDecimals(decimal('-3'), decimal('2')), -1)
  })

  it('turns integral decimals into bigints and refuses fractions', () => {
    assert.equal(decimalToBigint(decimal('12.0')), 12n)
    assert.equal(decimalToBigint(decimal('-1.5e1')), -15n)
    assert.equal(decimalToBigint(decimal('12345678901234567890123')), 12345678901234567890123n)
    assert.equal(decimalToBigint(decimal('12.5')), undefined)
  })
})

describe('fixed point: scaled by 2^f, rounded to nearest, ties to even', () => {
  it('is exact when the value is a multiple of 2^-f', () => {
    assert.equal(decimalToScaled(decimal('0.5'), 16), 32_768n)
    assert.equal(decimalToScaled(decimal('-0.5'), 16), -32_768n)
    assert.equal(decimalToScaled(decimal('1.25'), 2), 5n)
    assert.equal(decimalToScaled(decimal('0.0000152587890625'), 16), 1n) // 2^-16, 16 digits
    assert.equal(decimalToScaled(decimal('1000000'), 16), 65_536_000_000n)
  })

  it('rounds 0.1 (not a binary fraction) to the nearest step, both signs alike', () => {
    // 0.1 * 65536 = 6553.6
    assert.equal(decimalToScaled(decimal('0.1'), 16), 6554n)
    assert.equal(decimalToScaled(decimal('-0.1'), 16), -6554n)
    assert.equal(formatScaled(6554n, 16), '0.100006103515625')
  })

  it('breaks ties to even', () => {
    // 0.5 / 2^0: tie between 0 and 1 -> 0; 1.5 -> 2; 2.5 -> 2; -2.5 -> -2
    assert.equal(decimalToScaled(decimal('0.5'), 0), 0n)
    assert.equal(decimalToScaled(decimal('1.5'), 0), 2n)
    assert.equal(decimalToScaled(decimal('2.5'), 0), 2n)
    assert.equal(decimalToScaled(decimal('-2.5'), 0), -2n)
    // 2^-17 is half a step at 16 bits: a tie, rounds to 0; 3 * 2^-17 rounds to 2.
    assert.equal(decimalToScaled(decimal('0.00000762939453125'), 16), 0n)
    assert.equal(decimalToScaled(decimal('0.00002288818359375'), 16), 2n)
  })

  it('rounds digits beyond the resolution instead of refusing them', () => {
    // 17 significant digits, as float printers write them.
    assert.equal(decimalToScaled(decimal('0.30000000000000004'), 16), 19_661n) // 19660.8
    assert.equal(decimalToScaled(decimal('3.1415926535897932384626'), 16), 205_887n) // 205887.4
  })

  it('formats every fixed-point value exactly and round-trips through parsing', () => {
    for (const scaled of [0n, 1n, -1n, 6554n, 65_536n, -98_304n, 2n ** 39n - 1n, -(2n ** 39n)]) {
      for (const bits of [0, 1, 16, 32]) {
        const text = formatScaled(scaled, bits)
        assert.equal(decimalToScaled(decimal(text), bits), scaled, `${scaled} at ${bits}: ${text}`)
      }
    }
    assert.equal(formatScaled(-98_304n, 16), '-1.5')
    assert.equal(formatScaled(2n ** 39n - 1n, 16), '8388607.9999847412109375')
  })
})
