import { TriadError } from '../../errors/index.ts'
import type { AnyAlgorithmDefinition } from './AlgorithmDefinition.ts'

/**
 * The error for parameters an algorithm does not take: its name, what is wrong, and a hint
 * listing what it does take.
 */
export function invalidParams(
  definition: AnyAlgorithmDefinition,
  problem: string,
  details?: string,
): TriadError {
  const columns = definition.columns
    .map((rule) => `"${rule.param}" (${rule.types.join(' | ')})`)
    .join(', ')
  const filters = [
    definition.filters.where ? '"where" (a filter)' : undefined,
    definition.filters.groupBy ? '"groupBy" (a categorical or boolean column)' : undefined,
  ].filter((part): part is string => part !== undefined)
  return new TriadError('TRIAD_ERR_ALGORITHM_INPUT_INVALID', `${definition.name}: ${problem}`, {
    details,
    hint: `${definition.name} takes ${[columns, ...filters].filter((part) => part.length > 0).join(', ') || 'no parameters'}; docs/algorithms.md shows an example.`,
  })
}
