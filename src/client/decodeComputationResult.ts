import { decodeResult } from '../algorithms/decodeResult.ts'
import type { ResultValue } from '../algorithms/definition/AlgorithmDefinition.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'
import { findKnownAlgorithm } from './knownAlgorithms.ts'

/** A result as a person (or `JSON.stringify`) reads it. */
export interface ComputationResult {
  readonly algorithm: string
  readonly params: Readonly<Record<string, unknown>>
  /**
   * The algorithm's answer as plain JSON, in the columns' units: `{ sum: 77 }`,
   * `{ count, mean }`, `{ bins: [{ from, to, count }], outside }`, `{ count, intercept,
   * coefficients, ... }`, or per group `{ groupBy, groups: { <label>: ... } }`
   * (`docs/algorithms.md` shows each).
   */
  readonly value: { readonly [key: string]: ResultValue }
  /** What was computed, in words: `mean of temp_max`. */
  readonly description: string
}

/**
 * The opened result of a job (`openResult`'s signed 64-bit integers) as plain JSON: the
 * algorithm's own decoding (`decodeResult`), read in the pool's schema and the job's row count.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN for an algorithm this client does not have;
 * TRIAD_ERR_SHARES_DISAGREE for values that do not fit the job's layout.
 * @example
 * decodeComputationResult({ algorithm: 'sum', params: { column: 'visits' }, schema, rows: 19, values: [77n, 1n] })
 * // { algorithm: 'sum', params: { column: 'visits' }, value: { sum: 77 }, description: 'sum of visits' }
 */
export function decodeComputationResult(parameters: {
  /** The algorithm's name or id. */
  algorithm: string
  params: Readonly<Record<string, unknown>>
  schema: PoolSchema
  /** The rows of the job's snapshot (`rowsSnapshot` on chain). */
  rows: number
  values: readonly bigint[]
}): ComputationResult {
  const known = findKnownAlgorithm(parameters.algorithm)
  const value = decodeResult(known, {
    params: parameters.params,
    schema: parameters.schema,
    rows: parameters.rows,
    values: parameters.values,
  })
  return {
    algorithm: known.name,
    params: parameters.params,
    value,
    description: describeComputation(known.name, parameters.params),
  }
}

/**
 * A computation in words from its algorithm and parameters.
 *
 * @example
 * describeComputation('linearRegression', { target: 'y', features: ['a', 'b'] })
 * // 'linearRegression of y on a, b'
 */
export function describeComputation(
  algorithm: string,
  params: Readonly<Record<string, unknown>>,
): string {
  const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value))
  const parts = [algorithm]
  if (params.column !== undefined) parts.push(`of ${list(params.column)}`)
  if (params.target !== undefined) parts.push(`of ${params.target} on ${list(params.features)}`)
  if (params.x !== undefined) parts.push(`of ${params.x} and ${params.y}`)
  if (params.rows !== undefined) parts.push(`of ${params.rows} by ${params.columns}`)
  if (params.by !== undefined) parts.push(`by ${params.by}`)
  if (params.groupBy !== undefined) parts.push(`per ${params.groupBy}`)
  if (params.where !== undefined) parts.push(`where ${JSON.stringify(params.where)}`)
  return parts.join(' ')
}
