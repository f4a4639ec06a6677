import type { PublicContext } from '../definition/AlgorithmDefinition.ts'

/** A cell count as the guard reveals it: null for a count in [1, minRows). */
export function plainCell<P>(context: PublicContext<P>, count: number): number | null {
  return count > 0 && count < context.policy.minRows ? null : count
}
