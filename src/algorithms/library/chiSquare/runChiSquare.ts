import { andBits, type BooleanShare } from '../../../mpc/index.ts'
import { groupMasks } from '../../secure/groupMasks.ts'
import { RowMasks } from '../../secure/RowMasks.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import { concat, sliceBits } from '../../secure/shares.ts'
import type { ChiSquareParams } from './chiSquare.ts'

/**
 * chiSquare at one party: a mask per row category (with the filter and both columns'
 * availability), a mask per column category, one AND per cell, and a population count per cell.
 */
export const runChiSquare: AlgorithmRun<ChiSquareParams> = async (context) => {
  const { session, table, params, where } = context
  const rowMasks = await selectRows(session, table, {
    columns: [params.columns],
    where,
    groupBy: params.rows,
  })
  const columnMasks = await groupMasks(session, table, params.columns)
  const w = rowMasks.words
  const [R, C] = [rowMasks.count, columnMasks.count]
  const rows = await rowMasks.bits()
  const columns = await columnMasks.bits()
  const left: BooleanShare[] = []
  const right: BooleanShare[] = []
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++) {
      left.push(sliceBits(rows, i * w, (i + 1) * w))
      right.push(sliceBits(columns, j * w, (j + 1) * w))
    }
  const cells = await andBits(session, concat(left), concat(right))
  const counts = await RowMasks.fromBits(session, table.rows, R * C, cells).counts()
  return {
    counts,
    values: counts,
    valuesPerBlock: 1,
    sensitivity: [1n],
    countAt: 0,
    guard: 'cells',
  }
}
