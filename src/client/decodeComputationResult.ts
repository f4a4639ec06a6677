import type { AlgorithmParams } from '../algorithms/params.ts'
import { TriadError } from '../errors/index.ts'
import { formatScaled } from '../protocol/schema/decimal.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'

/** A number in plain JSON: a JS number when exact, else its exact decimal text. */
export type JsonNumber = number | string

/** A result as a person (or `JSON.stringify`) reads it. */
export interface ComputationResult {
  readonly algorithm: string
  readonly params: AlgorithmParams
  /** The answer: a sum is a number (exact decimal text for fixed-point columns beyond 2^53). */
  readonly value: JsonNumber
  /** What the value is, in words. */
  readonly description: string
}

/**
 * The opened result of a job (`openResult`'s signed 64-bit integers) as plain JSON, read in the
 * pool's schema: a fixed-point column's sum scaled back to its exact decimal value, a boolean
 * column's sum as the count of `true`.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN for an algorithm this client cannot decode.
 * @example
 * decodeComputationResult({ algorithm: 'sum', params: { column: 'income' }, schema, values: [3407872n] })
 * // { algorithm: 'sum', params: { column: 'income' }, value: 52, description: 'sum of income' }
 */
export function decodeComputationResult(parameters: {
  algorithm: string
  params: AlgorithmParams
  schema: PoolSchema
  values: readonly bigint[]
}): ComputationResult {
  const { algorithm, params, schema, values } = parameters
  if (algorithm === 'sum') {
    const column = schema.columns.find((candidate) => candidate.name === params.column)
    const raw = values[0]
    if (column === undefined || raw === undefined) {
      throw new TriadError('TRIAD_ERR_SHARES_DISAGREE', 'The result does not fit the job', {
        details: `column ${params.column}, ${values.length} values`,
      })
    }
    if (column.type === 'fixed') {
      const exact = formatScaled(raw, column.fractionalBits)
      return {
        algorithm,
        params,
        value: numberOrText(exact),
        description: `sum of ${column.name}`,
      }
    }
    return {
      algorithm,
      params,
      value: numberOrText(raw.toString()),
      description:
        column.type === 'boolean'
          ? `count of rows where ${column.name} is true`
          : `sum of ${column.name}`,
    }
  }
  throw new TriadError(
    'TRIAD_ERR_ALGORITHM_UNKNOWN',
    `This client cannot read ${algorithm} results`,
    {
      hint: 'Update the client; `openResult` still gives the raw values.',
    },
  )
}

/** A JS number when the decimal text round-trips exactly, else the text. */
function numberOrText(text: string): JsonNumber {
  const value = Number(text)
  return Number.isFinite(value) && String(value) === text ? value : text
}
