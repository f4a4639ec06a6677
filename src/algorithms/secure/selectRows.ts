import type { Session } from '../../mpc/index.ts'
import { columnShares, type TableShares } from '../../table/index.ts'
import type { EncodedCondition } from '../params/where.ts'
import { evaluateFilter } from './evaluateFilter.ts'
import { groupMasks } from './groupMasks.ts'
import { RowMasks } from './RowMasks.ts'

export interface SelectRowsParameters {
  /** Columns whose value a row must have (not missing) to count. */
  readonly columns: readonly string[]
  /** The filter, if any. */
  readonly where?: EncodedCondition
  /** A categorical or boolean column: one mask per category. */
  readonly groupBy?: string
  /** With `groupBy`: only these categories (by index), in this order. */
  readonly categories?: readonly number[]
}

/**
 * The rows an aggregate runs over, as secret masks: the availability masks of the columns it
 * reads (and of the group column), the filter, and one mask per group. Without filter, groups
 * and missing values this is the public "every row" and costs nothing.
 *
 * @leakage none
 * @example
 * const masks = await selectRows(session, table, { columns: ['income'], where, groupBy: 'region' })
 */
export async function selectRows(
  session: Session,
  table: TableShares,
  { columns, where, groupBy, categories }: SelectRowsParameters,
): Promise<RowMasks> {
  let masks = RowMasks.everyRow(session, table.rows)
  const read = [...new Set(groupBy === undefined ? columns : [...columns, groupBy])]
  for (const name of read) {
    const present = columnShares(table, name).present
    if (present) masks = await masks.and(RowMasks.fromRing(session, table.rows, 1, present))
  }
  if (where) masks = await masks.and(await evaluateFilter(session, table, where))
  if (groupBy !== undefined)
    masks = await masks.and(await groupMasks(session, table, groupBy, categories))
  return masks
}
