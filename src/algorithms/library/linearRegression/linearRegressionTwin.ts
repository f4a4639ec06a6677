import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainMean, plainValues } from '../../plain/plainMoments.ts'
import { plainSelection } from '../../plain/plainSelection.ts'
import type { LinearRegressionParams } from './linearRegression.ts'

/** Solves A·x = b in float64 with partial pivoting; null when (numerically) singular. */
function solve(a: number[][], b: number[][]): number[][] | null {
  const n = a.length
  const rows = a.map((row, i) => [...row, ...b[i]!])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let i = col + 1; i < n; i++)
      if (Math.abs(rows[i]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = i
    if (Math.abs(rows[pivot]![col]!) < 1e-12) return null
    ;[rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!]
    for (let i = 0; i < n; i++) {
      if (i === col) continue
      const factor = rows[i]![col]! / rows[col]![col]!
      for (let j = col; j < rows[i]!.length; j++)
        rows[i]![j] = rows[i]![j]! - factor * rows[col]![j]!
    }
  }
  return rows.map((row, i) => row.slice(n).map((value) => value / row[i]!))
}

/**
 * The plaintext twin of linearRegression: least squares on centred data in float64 (the
 * textbook route: slopes from the centred normal equations, the intercept through the means,
 * R² from the residuals).
 */
export function linearRegressionTwin(
  table: Table,
  context: PublicContext<LinearRegressionParams>,
): AlgorithmResult {
  const { features, target } = context.params
  const d = features.length
  return plainGrouped(context, plainSelection(table, context, [...features, target]), (rows) => {
    if (!releasable(context, rows)) return undefined
    const n = rows.length
    const xs = features.map((feature) => plainValues(table, feature, rows))
    const y = plainValues(table, target, rows)
    const means = xs.map(plainMean)
    const my = plainMean(y)
    const sxx = xs.map((xi, i) =>
      xs.map((xj, j) =>
        xi.reduce((total, v, r) => total + (v - means[i]!) * (xj[r]! - means[j]!), 0),
      ),
    )
    const sxy = xs.map((xi, i) => [
      xi.reduce((total, v, r) => total + (v - means[i]!) * (y[r]! - my), 0),
    ])
    const empty = Object.fromEntries(features.map((feature) => [feature, null]))
    const solved =
      n > d + 1 || n === d + 1
        ? solve(
            sxx,
            sxy.map((row, i) => [...row, ...sxx.map((_, j) => (i === j ? 1 : 0))]),
          )
        : null
    if (solved === null)
      return {
        count: n,
        intercept: null,
        coefficients: empty,
        standardErrors: empty,
        r2: null,
        adjustedR2: null,
      }
    const b = solved.map((row) => row[0]!)
    let sse = 0
    let sst = 0
    for (let r = 0; r < n; r++) {
      const fitted = my + b.reduce((total, bj, j) => total + bj * (xs[j]![r]! - means[j]!), 0)
      sse += (y[r]! - fitted) ** 2
      sst += (y[r]! - my) ** 2
    }
    const dof = n - d - 1
    const r2 = sst === 0 ? null : 1 - sse / sst
    return {
      count: n,
      intercept: my - b.reduce((total, bj, j) => total + bj * means[j]!, 0),
      coefficients: Object.fromEntries(features.map((feature, j) => [feature, b[j]!])),
      standardErrors: Object.fromEntries(
        features.map((feature, j) => [
          feature,
          dof > 0 ? Math.sqrt((sse / dof) * solved[j]![j + 1]!) : null,
        ]),
      ),
      r2,
      adjustedR2: r2 === null || dof <= 0 ? null : 1 - ((1 - r2) * (n - 1)) / dof,
    }
  })
}
