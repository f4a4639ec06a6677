import { z } from 'zod'
import type { PoolSchema } from '../../../protocol/schema/index.ts'
import { cellCounts } from '../../decode/cells.ts'
import type { AlgorithmDefinition } from '../../definition/AlgorithmDefinition.ts'
import { columnName } from '../../params/columnName.ts'
import { groupByParam, whereParam } from '../../params/filterParams.ts'
import { ParamProblem } from '../../params/ParamProblem.ts'
import { encodeConstant } from '../../params/where.ts'

/** The most bins a histogram may have. */
export const MAX_BINS = 32

const edge = z.union([z.number(), z.string().min(1).max(60)])

const params = z.strictObject({
  column: columnName,
  edges: z
    .array(edge)
    .min(2)
    .max(MAX_BINS + 1),
  where: whereParam,
  groupBy: groupByParam,
})

export type HistogramParams = z.output<typeof params>

/**
 * The thresholds of the bins in the column's encoding: c_0 < c_1 < … < c_B with bin i the values
 * c_i ≤ x < c_(i+1). For an integer column c_i = ⌈e_i⌉ and c_B = ⌊e_B⌋ + 1 (the last bin includes
 * e_B), exactly as real-number comparisons; fixed-point edges are rounded to the column's grid as
 * its values are, and c_B is that plus one step. Every bin must be non-empty once encoded.
 */
export function encodedEdges(params: HistogramParams, schema: PoolSchema): bigint[] {
  const spec = schema.columns.find((column) => column.name === params.column)
  if (spec === undefined)
    throw new ParamProblem('column', `the pool has no column "${params.column}"`)
  const B = params.edges.length - 1
  const thresholds = params.edges.map((value, i) =>
    i < B
      ? encodeConstant(spec, value, `edges.${i}`, 'ceil')
      : encodeConstant(spec, value, `edges.${i}`, 'floor') + 1n,
  )
  for (let i = 1; i <= B; i++)
    if (thresholds[i]! <= thresholds[i - 1]!)
      throw new ParamProblem(
        `edges.${i}`,
        `the edges must increase, leaving room for a value in each bin (in the column's encoding): ${String(params.edges[i - 1])} then ${String(params.edges[i])}`,
      )
  return thresholds
}

/** histogram: counts of a numeric column in given bins, per group. */
export const histogramDefinition: AlgorithmDefinition<HistogramParams> = {
  name: 'histogram',
  version: '1.0.0',
  title: 'Histogram',
  summary:
    'How many of the rows that pass the filter have a value in each bin [e_i, e_(i+1)) of a numeric column (the last bin includes its upper edge), and how many fall outside; per group.',
  params,
  columns: [{ param: 'column', types: ['integer', 'fixed'], description: 'the column to bin' }],
  filters: { where: true, groupBy: true },
  output:
    '{ bins: [{ from, to, count | null }], outside } or, with groupBy, { groupBy, groups: { <category>: { bins, outside } } } (null = suppressed)',
  leakage:
    'Each bin’s count and the count outside the bins; a count in [1, minRows) is suppressed (only "suppressed" is revealed), an empty bin is revealed as 0.',
  differentialPrivacy:
    'discrete Laplace noise of scale 1/ε on each count (a row is in one bin of one group)',
  cost: 'one narrow comparison per row and edge (all in one batch, width from the column’s bounds), XORs for the bins, one AND per row and cell, a population count (about one bit per row and cell)',
  check: (value, schema) => {
    encodedEdges(value, schema)
  },
  layout: (context) => ({
    blocks: (context.groups?.length ?? 1) * context.params.edges.length,
    valuesPerBlock: 1,
  }),
  decode: (blocks, context) => {
    const { edges } = context.params
    const bins = edges.length - 1
    const counts = cellCounts(blocks)
    const one = (g: number) => ({
      bins: Array.from({ length: bins }, (_, i) => ({
        from: Number(edges[i]),
        to: Number(edges[i + 1]),
        count: counts[g * (bins + 1) + i]!,
      })),
      outside: counts[g * (bins + 1) + bins]!,
    })
    if (context.groups === undefined) return one(0)
    return {
      groupBy: context.params.groupBy!,
      groups: Object.fromEntries(context.groups.map((label, g) => [label, one(g)])),
    }
  },
}
