import type { ReleasedBlock } from '../definition/AlgorithmDefinition.ts'

/**
 * Counts of a table's cells, as revealed: the count, or null where it was suppressed (fewer than
 * minRows rows, but not zero).
 */
export function cellCounts(blocks: readonly ReleasedBlock[]): (number | null)[] {
  return blocks.map((block) => (block.ok ? Number(block.values[0]) : null))
}
