import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { twoGroupIndices } from '../../params/twoGroups.ts'
import { isPresent, passes, plainColumn, plainValue } from '../../plain/plainSelection.ts'
import { type MannWhitneyParams, mannWhitneyApproximation } from './mannWhitney.ts'

/** The plaintext twin of mannWhitney: U by comparing every pair. */
export function mannWhitneyTwin(
  table: Table,
  context: PublicContext<MannWhitneyParams>,
): AlgorithmResult {
  const { column, by, groups } = context.params
  const indices = twoGroupIndices(context.schema, by, groups)
  const values = plainColumn(table, column)
  const group = plainColumn(table, by)
  const of = (index: number) => {
    const out: number[] = []
    for (let row = 0; row < table.rowCount; row++)
      if (
        isPresent(values, row) &&
        isPresent(group, row) &&
        group.values[row] === BigInt(index) &&
        (context.where === undefined || passes(table, context.where, row))
      )
        out.push(plainValue(values.spec, values.values[row]!))
    return out
  }
  const [a, b] = indices.map(of) as [number[], number[]]
  if (Math.min(a.length, b.length) < context.policy.minRows) return { suppressed: true }
  let u = 0
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0
  return {
    u,
    counts: { [groups[0]]: a.length, [groups[1]]: b.length },
    ...mannWhitneyApproximation(u, a.length, b.length),
  }
}
