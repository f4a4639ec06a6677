import { z } from 'zod'
import {
  type ColumnSpec,
  type Decimal,
  decimalToBigint,
  decimalToScaled,
  type PoolSchema,
  parseDecimal,
} from '../../protocol/schema/index.ts'
import { columnName } from './columnName.ts'
import { ParamProblem } from './ParamProblem.ts'

/** The most comparisons a filter may hold, and how deeply `and`/`or` may nest. */
export const MAX_FILTER_COMPARISONS = 16
export const MAX_FILTER_DEPTH = 4

const scalar = z.union([z.string().min(1).max(100), z.number(), z.boolean()])

const comparison = z.strictObject({
  column: columnName,
  op: z.enum(['=', '!=', '<', '<=', '>', '>=']),
  value: scalar,
})

const membership = z.strictObject({
  column: columnName,
  op: z.literal('in'),
  value: z.array(scalar).min(1).max(256),
})

/** One comparison of a filter: `{ column, op, value }`, or `{ column, op: 'in', value: [...] }`. */
export type Comparison = z.output<typeof comparison> | z.output<typeof membership>

/** A filter: comparisons combined with `and` and `or`. */
export type Condition = Comparison | { and: Condition[] } | { or: Condition[] }

/**
 * The zod schema of a filter (`where`): a comparison of one column with a constant
 * (`=`, `!=`, `<`, `<=`, `>`, `>=`, or `in` a list), or `{ and: [...] }` / `{ or: [...] }` of
 * filters. A row whose value is missing in a compared column fails that comparison.
 */
export const conditionFormat: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparison,
    membership,
    z.strictObject({ and: z.array(conditionFormat).min(1).max(MAX_FILTER_COMPARISONS) }),
    z.strictObject({ or: z.array(conditionFormat).min(1).max(MAX_FILTER_COMPARISONS) }),
  ]),
)

/**
 * A comparison in the column's encoding, ready to evaluate: `lessThan` is x < constant,
 * `equals` is x = constant (or any of the constants), `negate` flips the outcome. A missing
 * value fails the comparison whatever `negate` says.
 */
export interface EncodedComparison {
  readonly column: string
  readonly spec: ColumnSpec
  readonly kind: 'lessThan' | 'equals'
  readonly constants: readonly bigint[]
  readonly negate: boolean
}

/** A filter with its comparisons encoded: the tree the secure and plaintext evaluators walk. */
export type EncodedCondition =
  | { readonly kind: 'comparison'; readonly comparison: EncodedComparison }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly EncodedCondition[] }

/**
 * Checks a filter against the pool's schema and encodes its constants as the column encodes its
 * values (integers as themselves, fixed point scaled and rounded as the sellers' values were,
 * booleans 0/1, categories by index), so comparisons are exact in the encoded domain.
 * `<=` becomes `< c + 1`, `>` becomes not `< c + 1`, `>=` not `< c`, `!=` not `=`.
 *
 * @throws ParamProblem naming the comparison and what is wrong (caught and reported as
 * TRIAD_ERR_ALGORITHM_INPUT_INVALID by the algorithm).
 * @example
 * encodeCondition({ column: 'age', op: '>=', value: 65 }, schema)
 * // { kind: 'comparison', comparison: { column: 'age', kind: 'lessThan', constants: [65n], negate: true, … } }
 */
export function encodeCondition(condition: Condition, schema: PoolSchema): EncodedCondition {
  let comparisons = 0
  const walk = (node: Condition, depth: number, path: string): EncodedCondition => {
    if (depth > MAX_FILTER_DEPTH)
      throw new ParamProblem(path, `filters nest at most ${MAX_FILTER_DEPTH} levels deep`)
    if ('and' in node)
      return {
        kind: 'and',
        operands: node.and.map((item, i) => walk(item, depth + 1, `${path}.and.${i}`)),
      }
    if ('or' in node)
      return {
        kind: 'or',
        operands: node.or.map((item, i) => walk(item, depth + 1, `${path}.or.${i}`)),
      }
    comparisons += 1
    if (comparisons > MAX_FILTER_COMPARISONS)
      throw new ParamProblem(path, `a filter holds at most ${MAX_FILTER_COMPARISONS} comparisons`)
    return { kind: 'comparison', comparison: encodeComparison(node, schema, path) }
  }
  return walk(condition, 1, 'where')
}

/** The columns a filter reads, each once, in order of appearance. */
export function conditionColumns(condition: EncodedCondition): string[] {
  const seen = new Set<string>()
  const walk = (node: EncodedCondition): void => {
    if (node.kind === 'comparison') seen.add(node.comparison.column)
    else for (const operand of node.operands) walk(operand)
  }
  walk(condition)
  return [...seen]
}

/** ⌊|d|⌋ of a decimal with a fractional part. */
function floorOf(d: Decimal): bigint {
  return d.digits / 10n ** BigInt(-d.exponent)
}

/** ⌈|d|⌉ of a decimal with a fractional part. */
function ceilingOf(d: Decimal): bigint {
  return floorOf(d) + 1n
}

function encodeComparison(node: Comparison, schema: PoolSchema, path: string): EncodedComparison {
  const spec = schema.columns.find((candidate) => candidate.name === node.column)
  if (spec === undefined)
    throw new ParamProblem(
      path,
      `the pool has no column "${node.column}"`,
      `columns: ${schema.columns.map((column) => column.name).join(', ')}`,
    )
  const ordered = spec.type === 'integer' || spec.type === 'fixed'
  if (node.op === 'in') {
    if (ordered)
      throw new ParamProblem(
        path,
        `"in" compares categorical and boolean columns, not ${spec.type}`,
      )
    const constants = node.value.map((value) => encodeConstant(spec, value, path))
    return {
      column: spec.name,
      spec,
      kind: 'equals',
      constants: [...new Set(constants)],
      negate: false,
    }
  }
  if (!ordered && node.op !== '=' && node.op !== '!=')
    throw new ParamProblem(
      path,
      `column "${spec.name}" is ${spec.type}: compare it with =, != or in, not ${node.op}`,
    )
  const base = { column: spec.name, spec }
  // x < c ⇔ x < ⌈c⌉ and x ≤ c ⇔ x < ⌊c⌋ + 1 for integer x (fixed-point constants are rounded to
  // the column's grid instead, as the sellers' values were).
  const ceiling = () => encodeConstant(spec, node.value, path, 'ceil')
  const floorPlusOne = () => encodeConstant(spec, node.value, path, 'floor') + 1n
  switch (node.op) {
    case '=':
      return {
        ...base,
        kind: 'equals',
        constants: [encodeConstant(spec, node.value, path)],
        negate: false,
      }
    case '!=':
      return {
        ...base,
        kind: 'equals',
        constants: [encodeConstant(spec, node.value, path)],
        negate: true,
      }
    case '<':
      return { ...base, kind: 'lessThan', constants: [ceiling()], negate: false }
    case '<=':
      return { ...base, kind: 'lessThan', constants: [floorPlusOne()], negate: false }
    case '>':
      return { ...base, kind: 'lessThan', constants: [floorPlusOne()], negate: true }
    case '>=':
      return { ...base, kind: 'lessThan', constants: [ceiling()], negate: true }
  }
}

/**
 * A filter constant in a column's encoding. For integer columns an `exact` constant must be a
 * whole number, while `floor` and `ceil` (for ordered comparisons) take any number; fixed-point
 * constants are rounded to the column's grid as its values are (so `income <= 0.1` holds for a
 * value written 0.1); booleans are true/false, categories one of the declared values. Constants
 * outside the column's bounds are allowed (the comparison is then constant), but must stay
 * within ±2^60 so the encoded difference cannot wrap.
 */
export function encodeConstant(
  spec: ColumnSpec,
  value: string | number | boolean,
  path: string,
  rounding: 'exact' | 'floor' | 'ceil' = 'exact',
): bigint {
  const limit = 2n ** 60n
  const inRange = (encoded: bigint) => {
    if (encoded > limit || encoded < -limit)
      throw new ParamProblem(path, `the constant ${String(value)} is too large`)
    return encoded
  }
  switch (spec.type) {
    case 'integer': {
      const decimal = typeof value === 'boolean' ? undefined : parseDecimal(String(value))
      if (!decimal?.ok)
        throw new ParamProblem(
          path,
          `column "${spec.name}" is integer: ${String(value)} is not a number`,
        )
      const integer = decimalToBigint(decimal.value)
      if (integer !== undefined) return inRange(integer)
      if (rounding === 'exact')
        throw new ParamProblem(
          path,
          `column "${spec.name}" is integer: ${String(value)} is not a whole number`,
        )
      // A number with a fractional part lies strictly between ⌊d⌋ and ⌈d⌉ = ⌊d⌋ + 1.
      const below = decimal.value.negative ? -ceilingOf(decimal.value) : floorOf(decimal.value)
      return inRange(rounding === 'floor' ? below : below + 1n)
    }
    case 'fixed': {
      const decimal = typeof value === 'boolean' ? undefined : parseDecimal(String(value))
      if (!decimal?.ok)
        throw new ParamProblem(
          path,
          `column "${spec.name}" is fixed point: ${String(value)} is not a number`,
        )
      return inRange(decimalToScaled(decimal.value, spec.fractionalBits))
    }
    case 'boolean':
      if (value === true || value === 'true') return 1n
      if (value === false || value === 'false') return 0n
      throw new ParamProblem(
        path,
        `column "${spec.name}" is boolean: compare it with true or false`,
      )
    case 'categorical': {
      const index = typeof value === 'string' ? spec.values.indexOf(value) : -1
      if (index < 0)
        throw new ParamProblem(
          path,
          `column "${spec.name}" has no category ${JSON.stringify(value)}`,
          `categories: ${spec.values.join(', ')}`,
        )
      return BigInt(index)
    }
  }
}
