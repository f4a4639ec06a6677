import {
  type ColumnSpec,
  compareDecimals,
  type Decimal,
  decimalToBigint,
  decimalToScaled,
  type FixedColumn,
  formatDecimal,
  MAX_SIGNIFICANT_DIGITS,
  parseDecimal,
} from '../protocol/schema/index.ts'

/** A cell read against its column: its encoded value, null when missing, or the rule it breaks. */
export type CellOutcome =
  | { readonly ok: true; readonly value: bigint | null }
  | { readonly ok: false; readonly rule: string }

/** Reads one column's cells; built once per column, used for every row. */
export type CellParser = (raw: unknown) => CellOutcome

/** The rule broken by an empty cell (or JSON null, or an absent key) of a non-nullable column. */
export const MISSING_RULE = 'missing value in non-nullable column'

const missing: CellOutcome = { ok: true, value: null }

const plainInteger = /^-?[0-9]{1,15}$/

/** At most 40 digits, so within MAX_SIGNIFICANT_DIGITS. */
const plainDecimal = /^-?[0-9]{1,20}(?:\.[0-9]{1,20})?$/

/**
 * The parser of a column's cells. A cell is a CSV string or a JSON value (rows given in code
 * may also hold bigints). Empty (or whitespace-only) strings, `null` and `undefined` are
 * missing values. Otherwise:
 *
 * - integer: decimal digits with an optional sign; `12.0` and `1e3` are accepted because their
 *   value is a whole number, `12.5` is not; JSON numbers must be exact (within ±2^53).
 * - fixed: a decimal number (`-0.5`, `.25`, `1.5e-3`), parsed exactly, checked against the
 *   bounds exactly, then scaled by 2^fractionalBits rounding to nearest, ties to even.
 * - boolean: `true`/`false`/`1`/`0` in any case, or JSON true/false/1/0.
 * - categorical: one of the declared values, exactly (case-sensitive, surrounding spaces
 *   ignored); encoded as its index.
 *
 * @example
 * const parse = cellParser({ name: 'age', type: 'integer', min: 0n, max: 120n, nullable: false })
 * parse('42')  // { ok: true, value: 42n }
 * parse('abc') // { ok: false, rule: "'abc' is not an integer" }
 */
export function cellParser(spec: ColumnSpec): CellParser {
  const value = valueParser(spec)
  return (raw) => {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      return spec.nullable ? missing : { ok: false, rule: MISSING_RULE }
    }
    return value(raw)
  }
}

function valueParser(spec: ColumnSpec): (raw: unknown) => CellOutcome {
  switch (spec.type) {
    case 'integer':
      return (raw) => {
        // Fast path for the common case, plain digits that a double holds exactly.
        if (typeof raw === 'string' && plainInteger.test(raw)) {
          const integer = BigInt(raw)
          if (integer < spec.min) return fail(`value ${raw} is below min ${spec.min}`)
          if (integer > spec.max) return fail(`value ${raw} is above max ${spec.max}`)
          return { ok: true, value: integer }
        }
        const number = numberText(raw, 'an integer')
        if (!number.ok) return number
        const integer = decimalToBigint(number.value)
        if (integer === undefined) return fail(`${show(raw)} is not an integer`)
        if (integer < spec.min) return fail(`value ${number.text} is below min ${spec.min}`)
        if (integer > spec.max) return fail(`value ${number.text} is above max ${spec.max}`)
        return { ok: true, value: integer }
      }
    case 'fixed':
      return fixedParser(spec)
    case 'boolean':
      return (raw) => {
        if (raw === true || raw === 1) return { ok: true, value: 1n }
        if (raw === false || raw === 0) return { ok: true, value: 0n }
        if (typeof raw === 'string') {
          const text = raw.trim().toLowerCase()
          if (text === 'true' || text === '1') return { ok: true, value: 1n }
          if (text === 'false' || text === '0') return { ok: true, value: 0n }
        }
        return fail(`${show(raw)} is not a boolean (true, false, 1 or 0)`)
      }
    case 'categorical': {
      const index = new Map(spec.values.map((category, position) => [category, BigInt(position)]))
      const listed =
        spec.values.length <= 10
          ? spec.values.join(', ')
          : `${spec.values.slice(0, 10).join(', ')} and ${spec.values.length - 10} more`
      return (raw) => {
        const text =
          typeof raw === 'string'
            ? raw.trim()
            : typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint'
              ? String(raw)
              : undefined
        const position = text === undefined ? undefined : index.get(text)
        return position === undefined
          ? fail(`${show(raw)} is not one of ${listed}`)
          : { ok: true, value: position }
      }
    }
  }
}

function fixedParser(spec: FixedColumn): (raw: unknown) => CellOutcome {
  const min = boundOf(spec.min)
  const max = boundOf(spec.max)
  return (raw) => {
    const number = numberText(raw, 'a decimal number')
    if (!number.ok) return number
    if (compareDecimals(number.value, min) < 0) {
      return fail(`value ${number.text} is below min ${spec.min}`)
    }
    if (compareDecimals(number.value, max) > 0) {
      return fail(`value ${number.text} is above max ${spec.max}`)
    }
    return { ok: true, value: decimalToScaled(number.value, spec.fractionalBits) }
  }
}

function boundOf(text: string): Decimal {
  const parsed = parseDecimal(text)
  if (!parsed.ok) throw new Error(`a parsed schema has decimal bounds, got ${text}`)
  return parsed.value
}

type NumberText =
  | { readonly ok: true; readonly value: Decimal; readonly text: string }
  | { readonly ok: false; readonly rule: string }

/** A CSV string or JSON number read as an exact decimal (JSON numbers by their shortest text). */
function numberText(raw: unknown, what: string): NumberText {
  if (typeof raw === 'string' && plainDecimal.test(raw)) {
    // Fast path for plain decimals (most cells): same value as parseDecimal, not normalised,
    // which comparing and scaling do not need.
    const negative = raw.charCodeAt(0) === 45
    const point = raw.indexOf('.')
    const unsigned = negative ? raw.slice(1) : raw
    const digits = BigInt(point < 0 ? unsigned : unsigned.replace('.', ''))
    const exponent = point < 0 ? 0 : point + 1 - raw.length
    return { ok: true, value: { negative: negative && digits !== 0n, digits, exponent }, text: raw }
  }
  let text: string
  if (typeof raw === 'string') text = raw.trim()
  else if (typeof raw === 'bigint') text = raw.toString()
  else if (typeof raw === 'number' && Number.isFinite(raw)) {
    if (Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
      return fail(`${raw} is beyond 2^53, where JSON numbers are not exact; write it as a string`)
    }
    text = String(raw)
  } else return fail(`${show(raw)} is not ${what}`)
  const parsed = parseDecimal(text)
  if (parsed.ok) return { ok: true, value: parsed.value, text: shortText(text, parsed.value) }
  return fail(
    parsed.reason === 'syntax'
      ? `${show(raw)} is not ${what}`
      : `${show(raw)} has too many digits (at most ${MAX_SIGNIFICANT_DIGITS} significant, exponent within ±100)`,
  )
}

/** The value as written, unless that is long; then its canonical form. */
function shortText(written: string, value: Decimal): string {
  return written.length <= 40 ? written : formatDecimal(value)
}

/** A cell as a message shows it: strings quoted and cut at 40 characters. */
function show(raw: unknown): string {
  if (typeof raw === 'string') {
    const text = raw.trim()
    return `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`
  }
  if (Array.isArray(raw)) return 'a list'
  if (typeof raw === 'object' && raw !== null) return 'an object'
  return String(raw)
}

function fail(rule: string): { ok: false; rule: string } {
  return { ok: false, rule }
}
