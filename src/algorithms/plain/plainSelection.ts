import type { ColumnSpec } from '../../protocol/schema/index.ts'
import type { Table, TableColumn } from '../../table/index.ts'
import type { PublicContext } from '../definition/AlgorithmDefinition.ts'
import type { EncodedCondition } from '../params/where.ts'

/** A column of a plaintext table by name. */
export function plainColumn(table: Table, name: string): TableColumn {
  const column = table.columns.find((candidate) => candidate.spec.name === name)
  if (column === undefined) throw new Error(`no column ${name}`)
  return column
}

/** Whether row `row` of the column has a value. */
export function isPresent(column: TableColumn, row: number): boolean {
  return column.present === undefined || column.present[row] === 1
}

/**
 * The plaintext twin of `selectRows`: for each group (or the one selection), the rows that pass
 * the filter and have a value in every listed column (and in the group column), in row order.
 */
export function plainSelection<P>(
  table: Table,
  context: PublicContext<P>,
  columns: readonly string[],
): number[][] {
  const groupBy = (context.params as { groupBy?: string }).groupBy
  const needed = [...columns, ...(groupBy === undefined ? [] : [groupBy])].map((name) =>
    plainColumn(table, name),
  )
  const passing: number[] = []
  for (let row = 0; row < table.rowCount; row++) {
    if (!needed.every((column) => isPresent(column, row))) continue
    if (context.where && !passes(table, context.where, row)) continue
    passing.push(row)
  }
  if (groupBy === undefined) return [passing]
  const group = plainColumn(table, groupBy)
  return context.groups!.map((_, k) => passing.filter((row) => group.values[row] === BigInt(k)))
}

/** Evaluates a filter on one row, in the encoded domain; a missing value fails its comparison. */
export function passes(table: Table, condition: EncodedCondition, row: number): boolean {
  if (condition.kind !== 'comparison')
    return condition.kind === 'and'
      ? condition.operands.every((item) => passes(table, item, row))
      : condition.operands.some((item) => passes(table, item, row))
  const { column, kind, constants, negate } = condition.comparison
  const values = plainColumn(table, column)
  if (!isPresent(values, row)) return false
  const x = values.values[row]!
  const outcome = kind === 'lessThan' ? x < constants[0]! : constants.includes(x)
  return negate ? !outcome : outcome
}

/** The real value of an encoded cell, as a float64 (fixed point divided by 2^f). */
export function plainValue(spec: ColumnSpec, encoded: bigint): number {
  return spec.type === 'fixed' ? Number(encoded) / 2 ** spec.fractionalBits : Number(encoded)
}
