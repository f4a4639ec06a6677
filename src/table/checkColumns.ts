import { TriadError } from '../errors/index.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'

/**
 * Checks a file's column names against the schema's, in any order: every schema column once,
 * nothing else. Returns, for each schema column, its position in the file's columns.
 *
 * @throws TriadError TRIAD_ERR_DATA_COLUMNS_MISMATCH naming the missing, unknown and repeated
 * columns.
 */
export function matchColumns(
  schema: PoolSchema,
  names: readonly string[],
  where: { source: string; what: string },
): number[] {
  const position = new Map<string, number>()
  const repeated = new Set<string>()
  names.forEach((name, index) => {
    if (position.has(name)) repeated.add(name)
    else position.set(name, index)
  })
  const known = new Set(schema.columns.map((spec) => spec.name))
  const missing = schema.columns.map((spec) => spec.name).filter((name) => !position.has(name))
  const unknown = [...position.keys()].filter((name) => !known.has(name))
  if (missing.length > 0 || unknown.length > 0 || repeated.size > 0) {
    throw columnsMismatch(schema, where, { missing, unknown, repeated: [...repeated] })
  }
  return schema.columns.map((spec) => position.get(spec.name)!)
}

/** TRIAD_ERR_DATA_COLUMNS_MISMATCH naming what is wrong with a file's columns. */
export function columnsMismatch(
  schema: PoolSchema,
  where: { source: string; what: string },
  found: { missing: readonly string[]; unknown: readonly string[]; repeated: readonly string[] },
): TriadError {
  const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ')
  const parts = [
    found.missing.length > 0 ? `missing ${quoted(found.missing)}` : '',
    found.unknown.length > 0 ? `unknown ${quoted(found.unknown)}` : '',
    found.repeated.length > 0 ? `repeated ${quoted(found.repeated)}` : '',
  ].filter(Boolean)
  return new TriadError(
    'TRIAD_ERR_DATA_COLUMNS_MISMATCH',
    `${where.source}: the ${where.what} does not match the pool's columns`,
    {
      details: parts.join('; '),
      hint: `Name each of the pool's columns exactly once, in any order: ${schema.columns.map((spec) => spec.name).join(', ')}.`,
    },
  )
}

/** TRIAD_ERR_DATA_TOO_LARGE for a file with more than `maxRows` rows. */
export function tooManyRows(source: string, maxRows: number): TriadError {
  return new TriadError('TRIAD_ERR_DATA_TOO_LARGE', `${source} has more than ${maxRows} rows`, {
    details: `the limit is ${maxRows} rows per read`,
    hint: 'Split the data into several contributions, or raise maxRows if the node accepts the size.',
  })
}
