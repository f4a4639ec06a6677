import type { ColumnSpec, PoolSchema } from '../protocol/schema/index.ts'

/** What a ring vector of an encoded table holds: a column's values or its availability mask. */
export type VectorRole = 'value' | 'present'

/** One ring vector of a table's encoding. */
export interface LayoutVector {
  /** Position in the encoding: the vector occupies elements [index * rows, (index + 1) * rows). */
  readonly index: number
  readonly column: string
  readonly role: VectorRole
  /** `income` for values, `income.present` for the mask. */
  readonly name: string
}

/** Where a column's vectors are. */
export interface ColumnVectors {
  readonly spec: ColumnSpec
  /** Index of the value vector. */
  readonly value: number
  /** Index of the availability mask (1 present, 0 missing), for nullable columns only. */
  readonly present: number | undefined
}

/** The vectors a schema's tables encode to, in order, and each column's by name. */
export interface TableLayout {
  readonly vectors: readonly LayoutVector[]
  readonly columns: ReadonlyMap<string, ColumnVectors>
}

/**
 * The layout of a schema's encoded tables: for each column in schema order, its value vector,
 * then its availability mask if the column is nullable. The seller's client, the node and the
 * algorithms all derive it from the schema, so they agree on which vector is which.
 *
 * @example
 * tableLayout(schema).vectors.map((vector) => vector.name)
 * // ['age', 'income', 'income.present', 'smoker', 'smoker.present', 'region']
 * tableLayout(schema).columns.get('income') // { spec, value: 1, present: 2 }
 */
export function tableLayout(schema: PoolSchema): TableLayout {
  const vectors: LayoutVector[] = []
  const columns = new Map<string, ColumnVectors>()
  for (const spec of schema.columns) {
    const value = vectors.length
    vectors.push({ index: value, column: spec.name, role: 'value', name: spec.name })
    let present: number | undefined
    if (spec.nullable) {
      present = vectors.length
      vectors.push({
        index: present,
        column: spec.name,
        role: 'present',
        name: `${spec.name}.present`,
      })
    }
    columns.set(spec.name, { spec, value, present })
  }
  return { vectors, columns }
}
