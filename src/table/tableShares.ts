import { TriadError } from '../errors/index.ts'
import type { ReplicatedShare } from '../mpc/sharing/index.ts'
import type { ColumnSpec, PoolSchema } from '../protocol/schema/index.ts'
import { type TableLayout, tableLayout } from './tableLayout.ts'

/**
 * One party's shares of a pool's table: every contribution's rows joined, one replicated share
 * per layout vector. What a node hands an algorithm.
 */
export interface TableShares {
  readonly schema: PoolSchema
  readonly layout: TableLayout
  readonly rows: number
  /** This party's share of each layout vector, in layout order, `rows` long each. */
  readonly vectors: readonly ReplicatedShare[]
}

/**
 * Joins contributions (each `rows` rows of the schema's layout, column-major, as uploaded) into
 * one table: vector v of the result is vector v of every contribution, end to end, in the
 * order given. Local, no communication.
 *
 * @throws TriadError TRIAD_ERR_SHARE_ENCODING when a share is not rows × vectors long.
 * @example
 * const table = joinTableShares(schema, contributions.map(({ rows, share }) => ({ rows, share })))
 */
export function joinTableShares(
  schema: PoolSchema,
  parts: readonly { readonly rows: number; readonly share: ReplicatedShare }[],
): TableShares {
  const layout = tableLayout(schema)
  const width = layout.vectors.length
  const rows = parts.reduce((total, part) => total + part.rows, 0)
  parts.forEach((part, index) => {
    if (
      part.share.first.length !== part.rows * width ||
      part.share.second.length !== part.rows * width
    ) {
      throw new TriadError('TRIAD_ERR_SHARE_ENCODING', `Share ${index} does not fit the schema`, {
        details: `${part.share.first.length} elements for ${part.rows} rows × ${width} vectors`,
      })
    }
  })
  const vectors = layout.vectors.map((vector): ReplicatedShare => {
    const first = new BigUint64Array(rows)
    const second = new BigUint64Array(rows)
    let offset = 0
    for (const part of parts) {
      const start = vector.index * part.rows
      first.set(part.share.first.subarray(start, start + part.rows), offset)
      second.set(part.share.second.subarray(start, start + part.rows), offset)
      offset += part.rows
    }
    return { first, second }
  })
  return { schema, layout, rows, vectors }
}

/** A column's shares: its values and, when nullable, its availability mask. */
export interface ColumnShares {
  readonly spec: ColumnSpec
  readonly value: ReplicatedShare
  readonly present: ReplicatedShare | undefined
}

/**
 * A column's shares by name.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID when the pool has no such column.
 * @example
 * const { spec, value, present } = columnShares(table, 'income')
 */
export function columnShares(table: TableShares, name: string): ColumnShares {
  const vectors = table.layout.columns.get(name)
  if (vectors === undefined) {
    throw new TriadError('TRIAD_ERR_ALGORITHM_INPUT_INVALID', `The pool has no column "${name}"`, {
      details: `columns: ${table.schema.columns.map((spec) => spec.name).join(', ')}`,
    })
  }
  return {
    spec: vectors.spec,
    value: table.vectors[vectors.value]!,
    present: vectors.present === undefined ? undefined : table.vectors[vectors.present],
  }
}
