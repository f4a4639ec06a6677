import { TriadError } from '../../errors/index.ts'
import { POOL_SCHEMA_VERSION, type PoolSchema, poolSchemaFormat } from './PoolSchema.ts'

/**
 * Parses and validates a pool schema (from a file, a URI or code): version 2, 1 to 64 uniquely
 * named columns, each `integer` (min, max), `fixed` (min, max as decimal strings,
 * fractionalBits, default 16), `boolean` or `categorical` (values), each `nullable` (default
 * false). Bounds must keep sums of 2^24 rows inside the 64-bit ring (see `sumBounds.ts`).
 *
 * @throws TriadError TRIAD_ERR_SCHEMA_INVALID naming every bad field.
 * @example
 * const schema = parsePoolSchema({
 *   version: 2,
 *   columns: [
 *     { name: 'age', type: 'integer', min: 0, max: 120 },
 *     { name: 'income', type: 'fixed', min: '0', max: '1000000', nullable: true },
 *     { name: 'smoker', type: 'boolean' },
 *     { name: 'region', type: 'categorical', values: ['north', 'south'] },
 *   ],
 * })
 */
export function parsePoolSchema(input: unknown, source = 'the pool schema'): PoolSchema {
  const version = (input as { version?: unknown } | null)?.version
  if (typeof input === 'object' && input !== null && version !== POOL_SCHEMA_VERSION) {
    throw new TriadError('TRIAD_ERR_SCHEMA_INVALID', `${source} has version ${String(version)}`, {
      details: `this Triad reads version ${POOL_SCHEMA_VERSION} schemas`,
      hint: `Set "version": ${POOL_SCHEMA_VERSION}; version 1 integer columns keep their form.`,
    })
  }
  const parsed = poolSchemaFormat.safeParse(input)
  if (!parsed.success) {
    throw new TriadError('TRIAD_ERR_SCHEMA_INVALID', `${source} is invalid`, {
      details: parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; '),
      hint: 'A schema is { "version": 2, "columns": [...] }; docs/data.md describes each column type.',
    })
  }
  return parsed.data
}
