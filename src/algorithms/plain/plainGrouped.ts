import type {
  AlgorithmResult,
  PublicContext,
  ResultValue,
} from '../definition/AlgorithmDefinition.ts'

/**
 * The plaintext twin of `byGroup`: one entry per group's rows, or the one entry; `undefined`
 * from `compute` means suppressed.
 */
export function plainGrouped<P>(
  context: PublicContext<P>,
  selections: readonly number[][],
  compute: (rows: number[]) => AlgorithmResult | undefined,
): AlgorithmResult {
  const one = (rows: number[]) => compute(rows) ?? { suppressed: true }
  if (context.groups === undefined) return one(selections[0]!)
  const groups: Record<string, ResultValue> = {}
  context.groups.forEach((label, k) => {
    groups[label] = one(selections[k]!)
  })
  return { groupBy: (context.params as { groupBy: string }).groupBy, groups }
}

/** Whether a statistic over these rows is released: at least minRows rows behind it. */
export function releasable<P>(context: PublicContext<P>, rows: readonly number[]): boolean {
  return rows.length >= context.policy.minRows
}
