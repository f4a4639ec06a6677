import { z } from 'zod'
import { byGroup, groupCount } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import { unitOf } from '../../decode/values.ts'
import type { AlgorithmDefinition, ResultValue } from '../../definition/AlgorithmDefinition.ts'
import { Fraction, solveExact } from '../../numeric/Fraction.ts'
import { momentLayout } from '../../numeric/momentLayout.ts'
import { productScaling } from '../../numeric/productScaling.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'
import { ParamProblem } from '../../params/ParamProblem.ts'

/** The most features a regression takes (the brief's 8, plus the intercept: a 9 × 9 system). */
export const MAX_FEATURES = 8

const params = z.strictObject({
  target: columnName,
  features: z.array(columnName).min(1).max(MAX_FEATURES),
  where: whereParam,
  groupBy: groupByParam,
})

export type LinearRegressionParams = z.output<typeof params>

/** linearRegression: ordinary least squares of a target on 1 to 8 features, with intercept. */
export const linearRegressionDefinition: AlgorithmDefinition<LinearRegressionParams> = {
  name: 'linearRegression',
  version: '1.0.0',
  title: 'Linear regression (simple and multiple)',
  summary:
    'Ordinary least squares of a target column on one feature (simple) or up to eight (multiple), with an intercept, over the rows that pass the filter and have every value.',
  params,
  columns: [
    {
      param: 'target',
      types: ['integer', 'fixed', 'boolean'],
      description: 'the column to predict',
    },
    {
      param: 'features',
      types: ['integer', 'fixed', 'boolean'],
      description: '1 to 8 distinct predictor columns',
    },
  ],
  filters: { where: true, groupBy: true },
  output:
    '{ count, intercept, coefficients: { <feature>: b }, standardErrors: { <feature>: se }, r2, adjustedR2 }; coefficients null when the features are collinear or there are too few rows',
  leakage:
    'The coefficients, their standard errors, R² and the count; the revealed sums (X^T X, X^T y, y^T y and the column sums over the selected rows, centred and scaled) also give every mean, variance and covariance of the target and the features. Whether at least minRows rows are behind them (else only "suppressed").',
  differentialPrivacy:
    'sufficient-statistics perturbation: discrete Laplace noise on each of the 1 + 2(d+1) + (d+1)(d+2)/2 sums at scale m·Δ/ε (m their number, Δ each sum’s bound); coefficients are computed from the noisy sums',
  cost: 'the masks; exact truncations for wide columns; (d+1)(d+2)/2 multiplications per row with a filter (or (d+1) per group), none without; one round of dot products; the 9 × 9 solve is the buyer’s',
  check(value) {
    const names = [value.target, ...value.features]
    if (new Set(names).size !== names.length)
      throw new ParamProblem('features', 'the target and the features must be distinct columns')
  },
  layout: (context) => ({
    blocks: groupCount(context),
    valuesPerBlock: momentLayout(context.params.features.length + 1).size,
  }),
  decode: (blocks, context) =>
    byGroup(blocks, context, (block) => regressionFromMoments(block.values, context)),
}

/** Solves the normal equations exactly from the moment sums, and reports in real units. */
function regressionFromMoments(
  values: readonly bigint[],
  context: Parameters<typeof linearRegressionDefinition.decode>[1],
): { [key: string]: ResultValue } {
  const { features, target } = context.params
  const names = [...features, target]
  const d = features.length
  const moments = new Moments(values, names, context.schema, context.rows)
  const layout = momentLayout(d + 1)
  const n = moments.count
  const get = (slot: number) => new Fraction(values[slot]!)
  // Design [1, x'_1 … x'_d] against y' = column d.
  const design = (i: number, j: number): Fraction =>
    i === 0 && j === 0
      ? new Fraction(n)
      : i === 0
        ? get(layout.scaled(j - 1))
        : j === 0
          ? get(layout.scaled(i - 1))
          : get(layout.product(i - 1, j - 1))
  const matrix = Array.from({ length: d + 1 }, (_, i) =>
    Array.from({ length: d + 1 }, (_, j) => design(i, j)),
  )
  const right = Array.from({ length: d + 1 }, (_, i) => [
    i === 0 ? get(layout.scaled(d)) : get(layout.product(i - 1, d)),
  ])
  const identity = matrix.map((_, i) =>
    matrix.map((__, j) => (i === j ? Fraction.one : Fraction.zero)),
  )
  const solved =
    n > BigInt(d)
      ? solveExact(
          matrix,
          right.map((row, i) => [...row, ...identity[i]!]),
        )
      : null
  const empty = Object.fromEntries(features.map((feature) => [feature, null]))
  if (solved === null)
    return {
      count: Number(n),
      intercept: null,
      coefficients: empty,
      standardErrors: empty,
      r2: null,
      adjustedR2: null,
    }
  const beta = solved.map((row) => row[0]!)
  const yy = get(layout.product(d, d))
  const sse = yy.sub(beta.reduce((total, b, i) => total.add(b.mul(right[i]![0]!)), Fraction.zero))
  const sy = get(layout.scaled(d))
  const sst = yy.sub(sy.mul(sy).div(new Fraction(n)))
  const r2 = sst.isZero() ? null : 1 - sse.toNumber() / sst.toNumber()
  const dof = Number(n) - d - 1
  const sigma2 = dof > 0 ? sse.toNumber() / dof : null
  // Back to real units: b_j = β'_j · (2^s_y / u_y) / (2^s_j / u_j); the intercept from the exact means.
  const specs = names.map((name) => context.schema.columns.find((column) => column.name === name)!)
  const stepOf = (k: number) =>
    2 ** productScaling(specs[k]!, context.rows).shift / Number(unitOf(specs[k]!))
  const factor = (j: number) => stepOf(d) / stepOf(j)
  const coefficients: Record<string, number> = {}
  const standardErrors: Record<string, number | null> = {}
  features.forEach((feature, j) => {
    coefficients[feature] = beta[j + 1]!.toNumber() * factor(j)
    const inverseDiagonal = solved[j + 1]![j + 2]!.toNumber()
    standardErrors[feature] =
      sigma2 === null || inverseDiagonal < 0
        ? null
        : Math.sqrt(sigma2 * inverseDiagonal) * factor(j)
  })
  const intercept = features.reduce(
    (value, feature, j) => value - coefficients[feature]! * moments.mean(j),
    moments.mean(d),
  )
  return {
    count: Number(n),
    intercept,
    coefficients,
    standardErrors,
    r2,
    adjustedR2: r2 === null || dof <= 0 ? null : 1 - ((1 - r2) * (Number(n) - 1)) / dof,
  }
}
