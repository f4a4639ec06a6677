import { type Hex, keccak256, toHex } from 'viem'
import { z } from 'zod'
import { TriadError } from '../errors/index.ts'

/** Integers are stored as ring elements of Z_2^64; bounds keep sums far from wrapping. */
const int64 = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .transform((value) => BigInt(value))
  .refine(
    (value) => value >= -(2n ** 63n) && value < 2n ** 63n,
    'must fit in a signed 64-bit integer',
  )

const integerColumn = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _'),
    type: z.literal('integer'),
    min: int64,
    max: int64,
  })
  .refine((column) => column.min <= column.max, 'min must not exceed max')

export const poolSchemaSchema = z.object({
  version: z.literal(1),
  columns: z.array(integerColumn).min(1).max(64),
})

/** A pool's schema: typed, bounded columns. Its hash is what the chain commits to. */
export type PoolSchema = z.output<typeof poolSchemaSchema>
export type PoolSchemaInput = z.input<typeof poolSchemaSchema>

/**
 * Parses and validates a schema (from a file, a URI or code).
 *
 * @example
 * const schema = parsePoolSchema({ version: 1, columns: [{ name: 'value', type: 'integer', min: 0, max: 1000 }] })
 */
export function parsePoolSchema(input: unknown): PoolSchema {
  const parsed = poolSchemaSchema.safeParse(input)
  if (!parsed.success) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', 'The pool schema is invalid', {
      details: parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; '),
      hint: 'A schema is { "version": 1, "columns": [{ "name", "type": "integer", "min", "max" }] }.',
    })
  }
  return parsed.data
}

/** The canonical JSON of a schema: fixed key order, bigints as decimal strings. */
export function canonicalSchemaJson(schema: PoolSchema): string {
  return JSON.stringify({
    version: schema.version,
    columns: schema.columns.map((column) => ({
      name: column.name,
      type: column.type,
      min: column.min.toString(),
      max: column.max.toString(),
    })),
  })
}

/** keccak256 of the canonical JSON: the `schemaHash` a pool commits to on chain. */
export function poolSchemaHash(schema: PoolSchema): Hex {
  return keccak256(toHex(canonicalSchemaJson(schema)))
}

/** A self-contained `data:` URI of the schema, so no host has to serve it. */
export function poolSchemaUri(schema: PoolSchema): string {
  return `data:application/json;base64,${Buffer.from(canonicalSchemaJson(schema)).toString('base64')}`
}

/** Reads a schema back from a `data:` URI and checks it against the committed hash. */
export function poolSchemaFromUri(uri: string, expectedHash: Hex): PoolSchema {
  const prefix = 'data:application/json;base64,'
  if (!uri.startsWith(prefix)) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', 'The pool schema URI is not a data: URI', {
      details: uri.slice(0, 80),
      hint: 'Triad pools carry their schema inline as data:application/json;base64,...',
    })
  }
  const schema = parsePoolSchema(
    JSON.parse(Buffer.from(uri.slice(prefix.length), 'base64').toString()),
  )
  const hash = poolSchemaHash(schema)
  if (hash !== expectedHash) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', 'The pool schema does not match its hash', {
      details: `hash of the URI's schema ${hash}, committed on chain ${expectedHash}`,
      hint: 'The schema URI was altered; do not contribute to this pool.',
    })
  }
  return schema
}

/**
 * Checks every value of a one-column contribution against its column's bounds. Throws
 * `TRIAD_ERR_VALUE_OUT_OF_RANGE` naming the first bad row.
 */
export function validateColumnValues(
  schema: PoolSchema,
  columnName: string,
  values: readonly bigint[],
): void {
  const column = schema.columns.find((candidate) => candidate.name === columnName)
  if (!column) {
    throw new TriadError('TRIAD_ERR_ROW_INVALID', `The pool has no column "${columnName}"`, {
      details: `columns: ${schema.columns.map((candidate) => candidate.name).join(', ')}`,
    })
  }
  if (values.length === 0) {
    throw new TriadError('TRIAD_ERR_ROW_INVALID', 'A contribution needs at least one row')
  }
  values.forEach((value, row) => {
    if (value < column.min || value > column.max) {
      throw new TriadError(
        'TRIAD_ERR_VALUE_OUT_OF_RANGE',
        `Row ${row + 1}: ${columnName} = ${value} is out of range`,
        {
          details: `column "${columnName}" accepts integers from ${column.min} to ${column.max}`,
          hint: 'Fix or drop the row, then contribute again.',
        },
      )
    }
  })
}
