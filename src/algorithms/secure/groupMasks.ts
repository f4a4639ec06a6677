import { isZero, type Session, wordsForBits } from '../../mpc/index.ts'
import { columnShares, type TableShares } from '../../table/index.ts'
import { groupLabels } from '../params/groupLabels.ts'
import { magnitudeWidth } from './evaluateFilter.ts'
import { RowMasks } from './RowMasks.ts'
import { shiftedCopies } from './shares.ts'

/**
 * One mask per group of a categorical (or boolean) column: mask k is 1 where the row's value is
 * category k. All K zero tests of g − k run in one batch on a width just wide enough for the
 * category count. A missing value's slot is 0, like category 0, so callers AND these masks with
 * the column's availability mask (`selectRows` does).
 *
 * Cost: K × (w/3 + w) bits per row, w = ⌈log2 K⌉ (at least 1); 1 + ⌈log2 w⌉ rounds.
 *
 * @leakage none
 */
export async function groupMasks(
  session: Session,
  table: TableShares,
  column: string,
  /** Only these categories (by index), in this order; default all. */
  categories?: readonly number[],
): Promise<RowMasks> {
  const { spec, value } = columnShares(table, column)
  const labels = groupLabels(spec)
  const n = table.rows
  const stride = wordsForBits(n) * 64
  const wanted = categories ?? labels.map((_, k) => k)
  const width = magnitudeWidth(-BigInt(labels.length - 1), BigInt(labels.length - 1))
  const shifted = shiftedCopies(
    session,
    value,
    wanted.map((k) => BigInt(k)),
    stride,
  )
  const bits = await isZero(session, shifted, { width })
  return RowMasks.fromBits(session, n, wanted.length, bits)
}
