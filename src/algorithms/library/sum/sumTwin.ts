import type { Table } from '../../../table/index.ts'
import type { AlgorithmResult, PublicContext } from '../../definition/AlgorithmDefinition.ts'
import { plainGrouped, releasable } from '../../plain/plainGrouped.ts'
import { plainColumn, plainSelection, plainValue } from '../../plain/plainSelection.ts'
import type { SumParams } from './sum.ts'

/** The plaintext twin of sum. */
export function sumTwin(table: Table, context: PublicContext<SumParams>): AlgorithmResult {
  const column = plainColumn(table, context.params.column)
  return plainGrouped(context, plainSelection(table, context, [context.params.column]), (rows) =>
    releasable(context, rows)
      ? {
          sum: plainValue(
            column.spec,
            rows.reduce((total, row) => total + column.values[row]!, 0n),
          ),
        }
      : undefined,
  )
}

/**
 * The sum of raw values as the ring computes it, mod 2^64 in two's complement (for the demo).
 *
 * @example
 * sumPlaintext([1n, -3n]) // -2n
 */
export function sumPlaintext(values: readonly bigint[]): bigint {
  return BigInt.asIntN(
    64,
    values.reduce((total, value) => total + value, 0n),
  )
}
