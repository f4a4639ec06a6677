import type { Table } from '../../table/index.ts'
import { plainColumn, plainValue } from './plainSelection.ts'

/** The real values of a column at the given rows. */
export function plainValues(table: Table, name: string, rows: readonly number[]): number[] {
  const column = plainColumn(table, name)
  return rows.map((row) => plainValue(column.spec, column.values[row]!))
}

/** The textbook mean. */
export function plainMean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/** The textbook sample covariance (two passes, n − 1); null below 2 values. */
export function plainCovariance(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 2) return null
  const mx = plainMean(x)
  const my = plainMean(y)
  let total = 0
  for (let i = 0; i < x.length; i++) total += (x[i]! - mx) * (y[i]! - my)
  return total / (x.length - 1)
}

/** Pearson's correlation; null below 2 values or for a constant column. */
export function plainCorrelation(x: readonly number[], y: readonly number[]): number | null {
  const sxy = plainCovariance(x, y)
  const sxx = plainCovariance(x, x)
  const syy = plainCovariance(y, y)
  if (sxy === null || !sxx || !syy) return null
  return sxy / Math.sqrt(sxx * syy)
}
