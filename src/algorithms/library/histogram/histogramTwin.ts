import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainCell } from '../../plain/plainCells.ts'
import { plainColumn, plainSelection, plainValue } from '../../plain/plainSelection.ts'
import { encodedEdges, type HistogramParams } from './histogram.ts'

/** The plaintext twin of histogram: each value placed in its bin by comparing real values. */
export function histogramTwin(
  table: Table,
  context: PublicContext<HistogramParams>,
): AlgorithmResult {
  const { params } = context
  const column = plainColumn(table, params.column)
  // Integer columns compare with the edges as given; fixed-point columns with the edges rounded to
  // their grid, as the values were, read back as reals.
  const edges =
    column.spec.type === 'integer'
      ? params.edges.map(Number)
      : encodedEdges(params, context.schema).map((threshold, i) =>
          plainValue(column.spec, i === params.edges.length - 1 ? threshold - 1n : threshold),
        )
  const B = edges.length - 1
  const one = (rows: number[]) => {
    const tally = new Array<number>(B + 1).fill(0)
    for (const row of rows) {
      const x = plainValue(column.spec, column.values[row]!)
      let bin = B
      for (let i = 0; i < B; i++)
        if (x >= edges[i]! && (x < edges[i + 1]! || (i === B - 1 && x === edges[B]!))) bin = i
      tally[bin]! += 1
    }
    return {
      bins: Array.from({ length: B }, (_, i) => ({
        from: Number(params.edges[i]),
        to: Number(params.edges[i + 1]),
        count: plainCell(context, tally[i]!),
      })),
      outside: plainCell(context, tally[B]!),
    }
  }
  const selections = plainSelection(table, context, [params.column])
  if (context.groups === undefined) return one(selections[0]!)
  return {
    groupBy: params.groupBy!,
    groups: Object.fromEntries(context.groups.map((label, g) => [label, one(selections[g]!)])),
  }
}
