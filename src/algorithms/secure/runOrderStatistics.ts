import type { RunContext } from './RunContext.ts'
import type { SecureRelease } from './releaseToBuyer.ts'
import { secureQuantiles } from './secureQuantiles.ts'
import { selectRows } from './selectRows.ts'

/**
 * The secure half shared by min, max, median, quantiles and the five-number summary: the
 * quantiles (numerators of q·2^16) of a column over each selection, guarded by its row count.
 */
export async function runOrderStatistics(
  context: RunContext<{ column: string; groupBy?: string }>,
  numerators: readonly bigint[],
): Promise<SecureRelease> {
  const { session, table, params, where } = context
  const masks = await selectRows(session, table, {
    columns: [params.column],
    where,
    groupBy: params.groupBy,
  })
  const values = await secureQuantiles(session, table, masks, params.column, numerators)
  return {
    counts: await masks.counts(),
    values,
    valuesPerBlock: numerators.length,
    // Order statistics have no noisy version: a pool with differential privacy refuses them.
    sensitivity: numerators.map(() => 0n),
    guard: 'statistics',
  }
}
