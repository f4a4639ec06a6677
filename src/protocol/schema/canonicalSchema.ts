import { type Hex, keccak256, toHex } from 'viem'
import type { ColumnSpec, PoolSchema } from './PoolSchema.ts'

/**
 * The canonical JSON of a schema: fixed key order, defaults written out, integer bounds and
 * fixed-point bounds as canonical decimal strings, no whitespace. Two files that mean the same
 * schema give the same text, so the same hash.
 *
 * @example
 * canonicalSchemaJson(parsePoolSchema({ version: 2, columns: [{ name: 'ok', type: 'boolean' }] }))
 * // '{"version":2,"columns":[{"name":"ok","type":"boolean","nullable":false}]}'
 */
export function canonicalSchemaJson(schema: PoolSchema): string {
  const privacy = schema.privacy === undefined ? {} : { privacy: canonicalPrivacy(schema) }
  return JSON.stringify({
    version: schema.version,
    columns: schema.columns.map(canonicalColumn),
    ...privacy,
  })
}

function canonicalPrivacy(schema: PoolSchema): Record<string, unknown> {
  const policy = schema.privacy!
  const dp = policy.differentialPrivacy
  return {
    minRows: policy.minRows,
    ...(dp === undefined
      ? {}
      : { differentialPrivacy: { epsilonPerJob: dp.epsilonPerJob, budget: dp.budget } }),
  }
}

function canonicalColumn(spec: ColumnSpec): Record<string, unknown> {
  const described = spec.description === undefined ? {} : { description: spec.description }
  switch (spec.type) {
    case 'integer':
      return {
        name: spec.name,
        type: spec.type,
        min: spec.min.toString(),
        max: spec.max.toString(),
        nullable: spec.nullable,
        ...described,
      }
    case 'fixed':
      return {
        name: spec.name,
        type: spec.type,
        min: spec.min,
        max: spec.max,
        fractionalBits: spec.fractionalBits,
        nullable: spec.nullable,
        ...described,
      }
    case 'boolean':
      return { name: spec.name, type: spec.type, nullable: spec.nullable, ...described }
    case 'categorical':
      return {
        name: spec.name,
        type: spec.type,
        values: spec.values,
        nullable: spec.nullable,
        ...described,
      }
  }
}

/**
 * keccak256 of the canonical JSON: the `schemaHash` a pool commits to on chain.
 *
 * @example
 * const schemaHash = poolSchemaHash(schema)
 */
export function poolSchemaHash(schema: PoolSchema): Hex {
  return keccak256(toHex(canonicalSchemaJson(schema)))
}
