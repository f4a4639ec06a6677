import { z } from 'zod'
import type { PoolSchema } from '../../protocol/schema/index.ts'
import { columnName } from './columnName.ts'
import { groupLabels } from './groupLabels.ts'
import { ParamProblem } from './ParamProblem.ts'

/**
 * The two groups of a two-sample test: a categorical or boolean column `by` and two of its
 * categories, `groups: [first, second]` (for a boolean column "true" and "false").
 */
export const twoGroupsParams = {
  by: columnName,
  groups: z.tuple([z.string().min(1).max(100), z.string().min(1).max(100)]),
}

/** The category indices of the two groups; throws ParamProblem for an unknown or repeated one. */
export function twoGroupIndices(
  schema: PoolSchema,
  by: string,
  groups: readonly [string, string],
): [number, number] {
  const spec = schema.columns.find((column) => column.name === by)
  if (spec === undefined || (spec.type !== 'categorical' && spec.type !== 'boolean'))
    throw new ParamProblem('by', `"${by}" is not a categorical or boolean column of the pool`)
  const labels = groupLabels(spec)
  const indices = groups.map((group) => {
    const index = labels.indexOf(group)
    if (index < 0)
      throw new ParamProblem(
        'groups',
        `column "${by}" has no category "${group}"`,
        `categories: ${labels.join(', ')}`,
      )
    return index
  }) as [number, number]
  if (indices[0] === indices[1]) throw new ParamProblem('groups', 'the two groups must differ')
  return indices
}
