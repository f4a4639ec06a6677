import { randomInt } from 'node:crypto'
import { type ColumnSpec, encodedRange, type PoolSchema } from '../../protocol/schema/index.ts'
import type { Table, TableColumn } from '../../table/index.ts'

export interface RandomTableOptions {
  /** Probability that a value of a nullable column is missing (default 0.1). */
  readonly missing?: number
  /** Draw values from a part of the bounds only, e.g. [0.4, 0.6] (default the whole range). */
  readonly spread?: readonly [number, number]
  /** Values to draw with extra probability (the bounds are always among them). */
  readonly extremes?: number
}

/** A uniform random bigint in [lo, hi]. */
export function randomBetween(lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n
  let value = 0n
  const words = Math.ceil(span.toString(2).length / 32) + 1
  for (let i = 0; i < words; i++) value = (value << 32n) | BigInt(randomInt(2 ** 32))
  return lo + (value % span)
}

/**
 * Test support: a table of `rows` random rows of a schema, already encoded (as sellers' clients
 * encode tables), with missing values in nullable columns and the bounds drawn now and then.
 */
export function randomTable(
  schema: PoolSchema,
  rows: number,
  options: RandomTableOptions = {},
): Table {
  const columns = schema.columns.map((spec): TableColumn => {
    const values = new BigInt64Array(rows)
    const present = spec.nullable ? new Uint8Array(rows) : undefined
    const range = encodedRange(spec)
    const [from, to] = options.spread ?? [0, 1]
    const width = range.max - range.min
    const lo = range.min + (width * BigInt(Math.round(from * 1e6))) / 1_000_000n
    const hi = range.min + (width * BigInt(Math.round(to * 1e6))) / 1_000_000n
    for (let row = 0; row < rows; row++) {
      if (present && Math.random() < (options.missing ?? 0.1)) continue
      const r = Math.random()
      const extreme = options.extremes ?? 0.02
      values[row] = r < extreme ? range.min : r < 2 * extreme ? range.max : randomBetween(lo, hi)
      if (present) present[row] = 1
    }
    return { spec, values, present }
  })
  return { schema, source: 'random', rowCount: rows, columns }
}

/** Test support: a table from explicit encoded columns (null for missing). */
export function tableOf(
  schema: PoolSchema,
  columns: Record<string, readonly (bigint | null)[]>,
): Table {
  const rowCount = Object.values(columns)[0]?.length ?? 0
  return {
    schema,
    source: 'explicit',
    rowCount,
    columns: schema.columns.map((spec: ColumnSpec): TableColumn => {
      const cells = columns[spec.name] ?? Array.from({ length: rowCount }, () => 0n)
      return {
        spec,
        values: BigInt64Array.from(cells, (cell) => cell ?? 0n),
        present: spec.nullable
          ? Uint8Array.from(cells, (cell) => (cell === null ? 0 : 1))
          : undefined,
      }
    }),
  }
}
