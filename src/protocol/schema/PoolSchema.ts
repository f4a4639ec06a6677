import { z } from 'zod'
import {
  compareDecimals,
  decimalToScaled,
  formatDecimal,
  formatScaled,
  parseDecimal,
} from './decimal.ts'
import { privacyPolicyFormat } from './privacyPolicy.ts'
import { MAX_ENCODED_VALUE, MAX_TABLE_ROWS, MIN_ENCODED_VALUE } from './sumBounds.ts'

/** The schema format version this code reads and writes. */
export const POOL_SCHEMA_VERSION = 2

/** The most columns a pool may have. */
export const MAX_COLUMNS = 64

/** The most values a categorical column may declare. */
export const MAX_CATEGORIES = 256

/** Fixed-point columns default to this many fractional bits (resolution 2^-16 ≈ 0.0000153). */
export const DEFAULT_FRACTIONAL_BITS = 16

const columnName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter')

const description = z.string().max(200).optional()

const nullable = z.boolean().default(false)

const integerBound = z
  .union([
    z.string().regex(/^-?\d{1,20}$/, 'an integer written in decimal digits'),
    z.number().refine(Number.isSafeInteger, 'a safe integer (write larger ones as strings)'),
  ])
  .transform((value) => BigInt(value))

const decimalBound = z
  .string({ error: 'a decimal number written as a string, such as "-12.5"' })
  .transform((value, context) => {
    const parsed = parseDecimal(value)
    if (parsed.ok) return formatDecimal(parsed.value)
    context.addIssue({
      code: 'custom',
      message:
        parsed.reason === 'syntax'
          ? `"${value}" is not a decimal number such as "-12.5"`
          : `"${value}" has too many digits`,
    })
    return z.NEVER
  })

const categoryValue = z
  .string()
  .min(1, 'a category is a non-empty string')
  .max(100)
  .refine((value) => value.trim() === value, 'a category has no leading or trailing spaces')

const integerColumn = z.strictObject({
  name: columnName,
  type: z.literal('integer'),
  min: integerBound,
  max: integerBound,
  nullable,
  description,
})

const fixedColumn = z.strictObject({
  name: columnName,
  type: z.literal('fixed'),
  min: decimalBound,
  max: decimalBound,
  fractionalBits: z.number().int().min(0).max(32).default(DEFAULT_FRACTIONAL_BITS),
  nullable,
  description,
})

const booleanColumn = z.strictObject({
  name: columnName,
  type: z.literal('boolean'),
  nullable,
  description,
})

const categoricalColumn = z.strictObject({
  name: columnName,
  type: z.literal('categorical'),
  values: z.array(categoryValue).min(1).max(MAX_CATEGORIES),
  nullable,
  description,
})

const column = z.discriminatedUnion('type', [
  integerColumn,
  fixedColumn,
  booleanColumn,
  categoricalColumn,
])

/** The zod schema of a pool schema file (version 2). `parsePoolSchema` wraps it. */
export const poolSchemaFormat = z
  .strictObject({
    version: z.literal(POOL_SCHEMA_VERSION),
    columns: z.array(column).min(1).max(MAX_COLUMNS),
    /** Optional: minimum rows behind every released number, differential privacy. */
    privacy: privacyPolicyFormat.optional(),
  })
  .superRefine((schema, context) => {
    const seen = new Set<string>()
    schema.columns.forEach((spec, index) => {
      const path = ['columns', index]
      if (seen.has(spec.name)) {
        context.addIssue({
          code: 'custom',
          path: [...path, 'name'],
          message: `the name "${spec.name}" is used twice`,
        })
      }
      seen.add(spec.name)
      for (const problem of columnProblems(spec)) {
        context.addIssue({
          code: 'custom',
          path: [...path, problem.field],
          message: problem.message,
        })
      }
    })
  })

/** One column of a pool: its name, type, bounds and whether values may be missing. */
export type ColumnSpec = z.output<typeof column>
export type IntegerColumn = z.output<typeof integerColumn>
export type FixedColumn = z.output<typeof fixedColumn>
export type BooleanColumn = z.output<typeof booleanColumn>
export type CategoricalColumn = z.output<typeof categoricalColumn>
export type ColumnType = ColumnSpec['type']

/** A pool's schema: typed, bounded columns. Its hash is what the chain commits to. */
export type PoolSchema = z.output<typeof poolSchemaFormat>
/** A schema as written in a file or in code (defaults not yet filled in). */
export type PoolSchemaInput = z.input<typeof poolSchemaFormat>

/**
 * The range of a column's encoded ring values (as signed integers): integers as themselves,
 * fixed point scaled by 2^fractionalBits, booleans 0..1, categories 0..count-1.
 *
 * @example
 * encodedRange({ name: 'x', type: 'fixed', min: '-1', max: '2.5', fractionalBits: 16, nullable: false })
 * // { min: -65536n, max: 163840n }
 */
export function encodedRange(spec: ColumnSpec): { min: bigint; max: bigint } {
  switch (spec.type) {
    case 'integer':
      return { min: spec.min, max: spec.max }
    case 'fixed':
      return {
        min: decimalToScaled(decimalOf(spec.min), spec.fractionalBits),
        max: decimalToScaled(decimalOf(spec.max), spec.fractionalBits),
      }
    case 'boolean':
      return { min: 0n, max: 1n }
    case 'categorical':
      return { min: 0n, max: BigInt(spec.values.length - 1) }
  }
}

function isDecimal(value: unknown): value is string {
  return typeof value === 'string' && parseDecimal(value).ok
}

function decimalOf(text: string) {
  const parsed = parseDecimal(text)
  if (!parsed.ok) throw new Error(`not a decimal: ${text}`)
  return parsed.value
}

function columnProblems(spec: ColumnSpec): { field: string; message: string }[] {
  if (spec.type === 'categorical') {
    const duplicate = spec.values.find((value, index) => spec.values.indexOf(value) !== index)
    return duplicate === undefined
      ? []
      : [{ field: 'values', message: `the value "${duplicate}" is listed twice` }]
  }
  if (spec.type === 'boolean') return []
  // A bound that did not parse is reported on its own field already.
  if (spec.type === 'fixed' && !(isDecimal(spec.min) && isDecimal(spec.max))) return []
  const ordered =
    spec.type === 'integer'
      ? spec.min <= spec.max
      : compareDecimals(decimalOf(spec.min), decimalOf(spec.max)) <= 0
  if (!ordered) return [{ field: 'min', message: `min ${spec.min} exceeds max ${spec.max}` }]
  const range = encodedRange(spec)
  const problems: { field: string; message: string }[] = []
  if (range.min < MIN_ENCODED_VALUE) {
    problems.push({ field: 'min', message: boundMessage(spec, 'min') })
  }
  if (range.max > MAX_ENCODED_VALUE) {
    problems.push({ field: 'max', message: boundMessage(spec, 'max') })
  }
  return problems
}

function boundMessage(spec: IntegerColumn | FixedColumn, which: 'min' | 'max'): string {
  const rule = `sums of up to ${MAX_TABLE_ROWS} rows (2^24) must fit the signed 64-bit ring`
  if (spec.type === 'integer') {
    return `${which} ${spec[which]} is out of range: ${rule}, so integer bounds must lie within [${MIN_ENCODED_VALUE}, ${MAX_ENCODED_VALUE}] (±2^39)`
  }
  const f = spec.fractionalBits
  return `${which} ${spec[which]} is out of range: ${rule}, so with ${f} fractional bits the bounds must lie within [${formatScaled(MIN_ENCODED_VALUE, f)}, ${formatScaled(MAX_ENCODED_VALUE, f)}] (±2^${39 - f}); narrow the bounds or use fewer fractional bits`
}
