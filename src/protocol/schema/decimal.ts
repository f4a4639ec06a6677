/**
 * Exact decimal numbers for fixed-point columns. A decimal string is parsed to a bigint mantissa
 * and a power of ten, never through a JavaScript float, so `0.1` is exactly one tenth until it is
 * scaled to a fixed-point ring value, where the one rounding rule applies (`decimalToScaled`).
 */

/**
 * A decimal number: `(negative ? -1 : 1) * digits * 10^exponent`. `parseDecimal` returns it
 * normalised (no trailing zeros in `digits`, zero as 0 × 10^0); the other functions here also
 * accept it unnormalised.
 */
export interface Decimal {
  readonly negative: boolean
  readonly digits: bigint
  readonly exponent: number
}

/** The most significant digits a value may have; longer numbers are refused, not truncated. */
export const MAX_SIGNIFICANT_DIGITS = 40

/** The largest exponent (either sign) a value may be written with, after normalisation. */
export const MAX_DECIMAL_EXPONENT = 100

export type ParseDecimalResult =
  | { readonly ok: true; readonly value: Decimal }
  | { readonly ok: false; readonly reason: 'syntax' | 'too-long' }

/** 10^0 .. 10^(2 * MAX_DECIMAL_EXPONENT): every power the functions here can need. */
const powersOfTen: readonly bigint[] = Array.from(
  { length: 2 * 100 + 1 },
  (_, k) => 10n ** BigInt(k),
)

function powerOfTen(exponent: number): bigint {
  return powersOfTen[exponent] ?? 10n ** BigInt(exponent)
}

const decimalPattern = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/

/**
 * Parses a decimal string: an optional sign, digits with an optional fraction, an optional
 * exponent (`-12`, `0.5`, `.5`, `3.`, `1.5e-3`). Surrounding whitespace is ignored. Refuses
 * (`too-long`) more than `MAX_SIGNIFICANT_DIGITS` significant digits or an exponent beyond
 * `MAX_DECIMAL_EXPONENT`, so no input can make the arithmetic that follows large.
 *
 * @example
 * parseDecimal('-0.50') // { ok: true, value: { negative: true, digits: 5n, exponent: -1 } }
 * parseDecimal('1,5')   // { ok: false, reason: 'syntax' }
 */
export function parseDecimal(text: string): ParseDecimalResult {
  const match = decimalPattern.exec(text.trim())
  if (!match) return { ok: false, reason: 'syntax' }
  const [, sign, whole = '', fraction = '', exponentText] = match
  if (whole.length === 0 && fraction.length === 0) return { ok: false, reason: 'syntax' }
  const allDigits = `${whole}${fraction}`.replace(/^0+/, '')
  const significant = allDigits.replace(/0+$/, '')
  if (significant.length > MAX_SIGNIFICANT_DIGITS) return { ok: false, reason: 'too-long' }
  const written = normalise({
    negative: sign === '-',
    digits: significant.length === 0 ? 0n : BigInt(significant),
    exponent: Number(exponentText ?? 0) - fraction.length + (allDigits.length - significant.length),
  })
  if (Math.abs(written.exponent) > MAX_DECIMAL_EXPONENT) return { ok: false, reason: 'too-long' }
  return { ok: true, value: written }
}

function normalise(value: Decimal): Decimal {
  if (value.digits === 0n) return { negative: false, digits: 0n, exponent: 0 }
  let { digits, exponent } = value
  while (digits % 10n === 0n) {
    digits /= 10n
    exponent += 1
  }
  return { negative: value.negative, digits, exponent }
}

/**
 * A decimal from a bigint (exact).
 *
 * @example
 * decimalFromBigint(-120n) // { negative: true, digits: 12n, exponent: 1 }
 */
export function decimalFromBigint(value: bigint): Decimal {
  return normalise({ negative: value < 0n, digits: value < 0n ? -value : value, exponent: 0 })
}

/**
 * The decimal's value as a bigint, or `undefined` when it has a fractional part.
 *
 * @example
 * decimalToBigint(parseDecimal('1.20e1').value) // 12n
 */
export function decimalToBigint(value: Decimal): bigint | undefined {
  let magnitude: bigint
  if (value.exponent >= 0) magnitude = value.digits * powerOfTen(value.exponent)
  else {
    // Also for a decimal that is not normalised (12.0 as 120 × 10^-1).
    const divisor = powerOfTen(-value.exponent)
    if (value.digits % divisor !== 0n) return undefined
    magnitude = value.digits / divisor
  }
  return value.negative ? -magnitude : magnitude
}

/**
 * Compares two decimals exactly: -1, 0 or 1.
 *
 * @example
 * compareDecimals(parse('0.1'), parse('0.10')) // 0
 */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const exponent = Math.min(a.exponent, b.exponent)
  const left = signed(a) * powerOfTen(a.exponent - exponent)
  const right = signed(b) * powerOfTen(b.exponent - exponent)
  return left < right ? -1 : left > right ? 1 : 0
}

function signed(value: Decimal): bigint {
  return value.negative ? -value.digits : value.digits
}

/**
 * The canonical text of a decimal: positional (no exponent), no superfluous zeros, no `+`,
 * `0` for zero. Two strings of the same value give the same text.
 *
 * @example
 * formatDecimal(parseDecimal('-001.2500e1').value) // '-12.5'
 */
export function formatDecimal(value: Decimal): string {
  const digits = value.digits.toString()
  let text: string
  if (value.exponent >= 0) text = `${digits}${'0'.repeat(value.exponent)}`
  else {
    const point = digits.length + value.exponent
    text =
      point > 0
        ? `${digits.slice(0, point)}.${digits.slice(point)}`
        : `0.${'0'.repeat(-point)}${digits}`
  }
  return value.negative ? `-${text}` : text
}

/**
 * The fixed-point value of a decimal with `fractionalBits` fractional bits: `x * 2^f`, rounded
 * to the nearest integer, ties to even (so rounding is symmetric around zero and unbiased on
 * average). Exact when `x * 2^f` is an integer.
 *
 * @example
 * decimalToScaled(parseDecimal('0.5').value, 16)  // 32768n
 * decimalToScaled(parseDecimal('0.1').value, 16)  // 6554n (6553.6 rounded)
 */
export function decimalToScaled(value: Decimal, fractionalBits: number): bigint {
  const scaled = value.digits << BigInt(fractionalBits)
  let magnitude: bigint
  if (value.exponent >= 0) magnitude = scaled * powerOfTen(value.exponent)
  else {
    const divisor = powerOfTen(-value.exponent)
    const quotient = scaled / divisor
    const twiceRemainder = 2n * (scaled % divisor)
    const roundUp = twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)
    magnitude = roundUp ? quotient + 1n : quotient
  }
  return value.negative ? -magnitude : magnitude
}

/**
 * The exact decimal text of a fixed-point value `scaled / 2^f` (every such value has a finite
 * decimal expansion, with at most f fractional digits).
 *
 * @example
 * formatScaled(6554n, 16) // '0.100006103515625'
 */
export function formatScaled(scaled: bigint, fractionalBits: number): string {
  // scaled / 2^f = scaled * 5^f / 10^f
  const negative = scaled < 0n
  const magnitude = negative ? -scaled : scaled
  return formatDecimal(
    normalise({
      negative,
      digits: magnitude * 5n ** BigInt(fractionalBits),
      exponent: -fractionalBits,
    }),
  )
}
