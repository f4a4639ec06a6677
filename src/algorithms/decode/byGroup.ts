import type {
  AlgorithmResult,
  PublicContext,
  ReleasedBlock,
  ResultValue,
} from '../definition/AlgorithmDefinition.ts'

/** What a block that did not pass the minimum-rows guard decodes to. */
export const SUPPRESSED: AlgorithmResult = { suppressed: true }

/**
 * A result with one entry per group when the job groups rows, or the one block's entry:
 * `{ groupBy, groups: { north: {...}, south: { suppressed: true } } }` or `{...}`. A block that
 * did not pass the guard becomes `{ suppressed: true }`.
 */
export function byGroup<P>(
  blocks: readonly ReleasedBlock[],
  context: PublicContext<P>,
  decode: (block: ReleasedBlock) => AlgorithmResult,
): AlgorithmResult {
  const one = (block: ReleasedBlock) => (block.ok ? decode(block) : SUPPRESSED)
  if (context.groups === undefined) return one(blocks[0]!)
  const groups: Record<string, ResultValue> = {}
  context.groups.forEach((label, k) => {
    groups[label] = one(blocks[k]!)
  })
  return { groupBy: (context.params as { groupBy: string }).groupBy, groups }
}

/** How many blocks a grouped algorithm reveals: one per group, or one. */
export function groupCount(context: { readonly groups: readonly string[] | undefined }): number {
  return context.groups?.length ?? 1
}
