import type { ColumnSpec } from '../../protocol/schema/index.ts'

/**
 * The groups of a categorical or boolean column, as people read them: the declared categories
 * in order, or `false` and `true` (their encodings 0 and 1).
 *
 * @example
 * groupLabels({ name: 'smoker', type: 'boolean', nullable: true }) // ['false', 'true']
 */
export function groupLabels(spec: ColumnSpec): string[] {
  if (spec.type === 'categorical') return [...spec.values]
  if (spec.type === 'boolean') return ['false', 'true']
  throw new Error(`column ${spec.name} is ${spec.type}, not categorical or boolean`)
}
