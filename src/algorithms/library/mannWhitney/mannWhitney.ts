import { z } from 'zod'
import { SUPPRESSED } from '../../decode/byGroup.ts'
import type { AlgorithmDefinition, AlgorithmResult } from '../../definition/AlgorithmDefinition.ts'
import { normalTwoSided } from '../../numeric/distributions.ts'
import { columnName } from '../../params/columnName.ts'
import { whereParam } from '../../params/filterParams.ts'
import { twoGroupIndices, twoGroupsParams } from '../../params/twoGroups.ts'

const params = z.strictObject({
  column: columnName,
  ...twoGroupsParams,
  where: whereParam,
})

export type MannWhitneyParams = z.output<typeof params>

/**
 * The normal approximation of the Mann–Whitney test from U and the group sizes (no continuity or
 * tie correction).
 */
export function mannWhitneyApproximation(u: number, a: number, b: number) {
  if (a === 0 || b === 0) return { z: null, p: null, probabilityOfSuperiority: null }
  const mean = (a * b) / 2
  const sd = Math.sqrt((a * b * (a + b + 1)) / 12)
  const z = (u - mean) / sd
  return { z, p: normalTwoSided(z), probabilityOfSuperiority: u / (a * b) }
}

/** mannWhitney: the Mann–Whitney U (Wilcoxon rank-sum) test between two groups. */
export const mannWhitneyDefinition: AlgorithmDefinition<MannWhitneyParams> = {
  name: 'mannWhitney',
  version: '1.0.0',
  title: 'Mann–Whitney U test',
  summary:
    'The Mann–Whitney U test (Wilcoxon rank-sum) of a numeric column between two categories of a categorical or boolean column: U counts the pairs in which the first group’s value is larger, ties counting one half; p from the normal approximation.',
  params,
  columns: [
    { param: 'column', types: ['integer', 'fixed'], description: 'the measured column' },
    {
      param: 'by',
      types: ['categorical', 'boolean'],
      description: 'the column that defines the groups',
    },
  ],
  filters: { where: true, groupBy: false },
  output:
    '{ u, counts: { <first>, <second> }, z, p, probabilityOfSuperiority } (p two-sided, normal approximation without tie correction)',
  leakage:
    'U and the two group sizes. Whether the smaller group has at least minRows rows (else only "suppressed").',
  differentialPrivacy: null,
  cost: 'the group masks; one multiplication per row; a sort of 2n keys (shuffle, then ≈ 1.39·2n·log2(2n) narrow comparisons); a few single-element steps',
  check(value, schema) {
    twoGroupIndices(schema, value.by, value.groups)
  },
  layout: () => ({ blocks: 1, valuesPerBlock: 3 }),
  decode: (blocks, context): AlgorithmResult => {
    const block = blocks[0]!
    if (!block.ok) return SUPPRESSED
    const [twiceU, a, b] = block.values.map(Number) as [number, number, number]
    const [first, second] = context.params.groups
    return {
      u: twiceU / 2,
      counts: { [first]: a, [second]: b },
      ...mannWhitneyApproximation(twiceU / 2, a, b),
    }
  },
}
