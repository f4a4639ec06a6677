import { z } from 'zod'
import { SUPPRESSED } from '../../decode/byGroup.ts'
import { Moments } from '../../decode/moments.ts'
import type { AlgorithmDefinition, ReleasedBlock } from '../../definition/AlgorithmDefinition.ts'
import { studentTwoSided } from '../../numeric/distributions.ts'
import { momentLayout } from '../../numeric/momentLayout.ts'
import { columnName } from '../../params/columnName.ts'
import { whereParam } from '../../params/filterParams.ts'
import { twoGroupIndices, twoGroupsParams } from '../../params/twoGroups.ts'

const params = z.strictObject({
  column: columnName,
  ...twoGroupsParams,
  where: whereParam,
})

export type TTestParams = z.output<typeof params>

/** The result of Welch's test from two groups' count, mean and variance. */
export function welch(
  a: { n: number; mean: number; variance: number | null },
  b: { n: number; mean: number; variance: number | null },
): { t: number | null; df: number | null; p: number | null } {
  if (a.n < 2 || b.n < 2 || a.variance === null || b.variance === null)
    return { t: null, df: null, p: null }
  const ea = a.variance / a.n
  const eb = b.variance / b.n
  if (ea + eb <= 0) return { t: null, df: null, p: null }
  const t = (a.mean - b.mean) / Math.sqrt(ea + eb)
  const df = (ea + eb) ** 2 / (ea ** 2 / (a.n - 1) + eb ** 2 / (b.n - 1))
  return { t, df, p: studentTwoSided(t, df) }
}

/** tTest: Welch's two-sample t-test of a column between two categories of another. */
export const tTestDefinition: AlgorithmDefinition<TTestParams> = {
  name: 'tTest',
  version: '1.0.0',
  title: 'Welch’s t-test',
  summary:
    'Welch’s two-sample t-test (unequal variances) of a numeric column between two categories of a categorical or boolean column, over the rows that pass the filter.',
  params,
  columns: [
    { param: 'column', types: ['integer', 'fixed', 'boolean'], description: 'the measured column' },
    {
      param: 'by',
      types: ['categorical', 'boolean'],
      description: 'the column that defines the groups',
    },
  ],
  filters: { where: true, groupBy: false },
  output:
    '{ groups: { <first>: { count, mean, variance }, <second>: { … } }, meanDifference, t, df, p } (p two-sided; t, df, p null when a group has fewer than 2 rows)',
  leakage:
    'Each group’s count, mean and variance, and the test statistic. Whether each group has at least minRows rows (if not, that group is "suppressed" and the test is not reported).',
  differentialPrivacy:
    'as variance, per group: discrete Laplace noise on each group’s count, sums and sum of squares (the groups are disjoint)',
  cost: 'the group masks (two narrow zero tests per row) and the filter; as variance for the two groups',
  check(value, schema) {
    twoGroupIndices(schema, value.by, value.groups)
  },
  layout: () => ({ blocks: 2, valuesPerBlock: momentLayout(1).size }),
  decode: (blocks, context) => {
    const { column, groups } = context.params
    const read = (block: ReleasedBlock) => {
      const moments = new Moments(block.values, [column], context.schema, context.rows)
      return { n: Number(moments.count), mean: moments.mean(0), variance: moments.variance(0) }
    }
    const [a, b] = [blocks[0]!, blocks[1]!]
    const shown = (block: ReleasedBlock) => {
      if (!block.ok) return SUPPRESSED
      const { n, mean, variance } = read(block)
      return { count: n, mean, variance }
    }
    const result = {
      groups: { [groups[0]]: shown(a), [groups[1]]: shown(b) },
    }
    if (!a.ok || !b.ok) return { ...result, meanDifference: null, t: null, df: null, p: null }
    const first = read(a)
    const second = read(b)
    return { ...result, meanDifference: first.mean - second.mean, ...welch(first, second) }
  },
}
