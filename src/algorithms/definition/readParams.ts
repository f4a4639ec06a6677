import { type Hex, hexToString, isHex, toHex } from 'viem'
import type { PoolSchema } from '../../protocol/schema/index.ts'
import { privacyPolicyOf } from '../../protocol/schema/index.ts'
import { groupLabels } from '../params/groupLabels.ts'
import { ParamProblem } from '../params/ParamProblem.ts'
import { type Condition, encodeCondition } from '../params/where.ts'
import type { AnyAlgorithmDefinition, PublicContext } from './AlgorithmDefinition.ts'
import { canonicalJson } from './canonicalJson.ts'
import { invalidParams } from './invalidParams.ts'

/**
 * Reads an algorithm's parameters against its zod schema, without the pool: their shape and
 * types, ranges, lengths.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID naming each problem.
 * @example
 * const params = parseParams(meanDefinition, { column: 'income' })
 */
export function parseParams<P>(definition: AnyAlgorithmDefinition, value: unknown): P {
  const parsed = definition.params.safeParse(value)
  if (!parsed.success)
    throw invalidParams(
      definition,
      'the parameters do not fit',
      parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(parameters)'}: ${issue.message}`)
        .join('; '),
    )
  return parsed.data as P
}

/**
 * Checks parameters against the pool: every column parameter names a column of a type the
 * algorithm takes, `groupBy` names a categorical or boolean column, the filter's comparisons fit
 * their columns, a pool with differential privacy only runs algorithms that support it, and the
 * algorithm's own checks pass. Returns the public context of the job.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID naming the parameter and what would do.
 * @example
 * const context = checkParams(meanDefinition, params, schema, 1200)
 */
export function checkParams<P>(
  definition: AnyAlgorithmDefinition,
  params: P,
  schema: PoolSchema,
  rows: number,
): PublicContext<P> {
  const record = params as Record<string, unknown>
  try {
    for (const rule of definition.columns) {
      const given = record[rule.param]
      if (given === undefined) continue
      for (const name of Array.isArray(given) ? given : [given]) {
        const column = schema.columns.find((candidate) => candidate.name === name)
        const fitting = schema.columns
          .filter((candidate) => rule.types.includes(candidate.type))
          .map((candidate) => candidate.name)
        const fits = `${rule.param} must name one of the pool's ${rule.types.join(', ')} columns: ${fitting.join(', ') || 'none'}`
        if (column === undefined)
          throw new ParamProblem(rule.param, `the pool has no column "${String(name)}"`, fits)
        if (!rule.types.includes(column.type))
          throw new ParamProblem(
            rule.param,
            `column "${column.name}" is ${column.type}, which ${definition.name} does not take`,
            fits,
          )
      }
    }
    let groups: string[] | undefined
    const groupBy = record.groupBy
    if (groupBy !== undefined) {
      if (!definition.filters.groupBy)
        throw new ParamProblem('groupBy', `${definition.name} does not group rows`)
      const column = schema.columns.find((candidate) => candidate.name === groupBy)
      if (column === undefined || (column.type !== 'categorical' && column.type !== 'boolean'))
        throw new ParamProblem(
          'groupBy',
          column === undefined
            ? `the pool has no column "${String(groupBy)}"`
            : `column "${column.name}" is ${column.type}; groups come from a categorical or boolean column`,
          `categorical and boolean columns: ${schema.columns
            .filter((candidate) => candidate.type === 'categorical' || candidate.type === 'boolean')
            .map((candidate) => candidate.name)
            .join(', ')}`,
        )
      groups = groupLabels(column)
    }
    const where = record.where
    if (where !== undefined && !definition.filters.where)
      throw new ParamProblem('where', `${definition.name} does not take a filter`)
    const policy = privacyPolicyOf(schema)
    if (policy.differentialPrivacy !== undefined && definition.differentialPrivacy === null)
      throw new ParamProblem(
        '(algorithm)',
        `the pool adds differential-privacy noise to every result, and ${definition.name} has no noisy version`,
        'Ask for an algorithm whose manifest describes its differential privacy (count, sum, mean, …).',
      )
    const encoded = where === undefined ? undefined : encodeCondition(where as Condition, schema)
    definition.check?.(params, schema)
    return { params, schema, policy, rows, where: encoded, groups }
  } catch (error) {
    if (error instanceof ParamProblem)
      throw invalidParams(definition, `${error.path}: ${error.problem}`, error.details)
    throw error
  }
}

/**
 * The bytes a job carries on chain for its parameters: the UTF-8 canonical JSON of the
 * parameters as given (`0x` when there are none). Checks them against the zod schema first.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID
 * @example
 * encodeParams(meanDefinition, { column: 'income' }) // toHex('{"column":"income"}')
 */
export function encodeParams(definition: AnyAlgorithmDefinition, params: unknown): Hex {
  parseParams(definition, params)
  if (isEmpty(params)) return '0x'
  return toHex(canonicalJson(params))
}

/**
 * Reads a job's parameter bytes back (the node's side of `encodeParams`): JSON, in canonical
 * form, fitting the zod schema.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID
 * @example
 * const params = decodeParams(meanDefinition, request.params)
 */
export function decodeParams<P>(definition: AnyAlgorithmDefinition, encoded: Hex): P {
  if (encoded === '0x') return parseParams(definition, {})
  let value: unknown
  try {
    if (!isHex(encoded)) throw new Error('not hex')
    value = JSON.parse(hexToString(encoded))
  } catch {
    throw invalidParams(definition, 'the parameters are not JSON', `got ${encoded.slice(0, 66)}`)
  }
  const params = parseParams<P>(definition, value)
  if (isEmpty(value) || toHex(canonicalJson(value)) !== encoded.toLowerCase())
    throw invalidParams(
      definition,
      'the parameters are not in canonical form',
      `got ${encoded.slice(0, 66)}`,
    )
  return params
}

function isEmpty(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => item === undefined)
  )
}
