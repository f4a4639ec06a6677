import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { studentTwoSided } from '../../numeric/distributions.ts'
import { twoGroupIndices } from '../../params/twoGroups.ts'
import { releasable } from '../../plain/plainGrouped.ts'
import { plainCovariance, plainMean, plainValues } from '../../plain/plainMoments.ts'
import { isPresent, passes, plainColumn } from '../../plain/plainSelection.ts'
import type { TTestParams } from './tTest.ts'

/** The plaintext twin of tTest: Welch's test by the textbook formulas. */
export function tTestTwin(table: Table, context: PublicContext<TTestParams>): AlgorithmResult {
  const { column, by, groups } = context.params
  const indices = twoGroupIndices(context.schema, by, groups)
  const values = plainColumn(table, column)
  const group = plainColumn(table, by)
  const rowsOf = (index: number) => {
    const rows: number[] = []
    for (let row = 0; row < table.rowCount; row++)
      if (
        isPresent(values, row) &&
        isPresent(group, row) &&
        group.values[row] === BigInt(index) &&
        (context.where === undefined || passes(table, context.where, row))
      )
        rows.push(row)
    return rows
  }
  const [rowsA, rowsB] = indices.map(rowsOf) as [number[], number[]]
  const describe = (rows: number[]) => {
    const xs = plainValues(table, column, rows)
    return { count: rows.length, mean: plainMean(xs), variance: plainCovariance(xs, xs) }
  }
  const shown = (rows: number[]) =>
    releasable(context, rows) ? describe(rows) : { suppressed: true }
  const result = { groups: { [groups[0]]: shown(rowsA), [groups[1]]: shown(rowsB) } }
  if (!releasable(context, rowsA) || !releasable(context, rowsB))
    return { ...result, meanDifference: null, t: null, df: null, p: null }
  const a = describe(rowsA)
  const b = describe(rowsB)
  if (a.count < 2 || b.count < 2 || a.variance === null || b.variance === null)
    return { ...result, meanDifference: a.mean - b.mean, t: null, df: null, p: null }
  const se2 = a.variance / a.count + b.variance / b.count
  if (se2 <= 0) return { ...result, meanDifference: a.mean - b.mean, t: null, df: null, p: null }
  const t = (a.mean - b.mean) / Math.sqrt(se2)
  const df =
    se2 ** 2 /
    ((a.variance / a.count) ** 2 / (a.count - 1) + (b.variance / b.count) ** 2 / (b.count - 1))
  return { ...result, meanDifference: a.mean - b.mean, t, df, p: studentTwoSided(t, df) }
}
