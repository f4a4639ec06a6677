import type { PoolSchema } from '../protocol/schema/index.ts'
import { type CatalogEntry, decodeBlocks } from './catalog.ts'
import type { AlgorithmResult } from './definition/AlgorithmDefinition.ts'
import { checkParams, parseParams } from './definition/readParams.ts'

export interface DecodeResultParameters {
  /** The job's parameters, as requested. */
  readonly params: unknown
  readonly schema: PoolSchema
  /** The rows of the job's snapshot (`rowsSnapshot` on chain). */
  readonly rows: number
  /** The opened result: signed 64-bit integers (`openResult`). */
  readonly values: readonly bigint[]
}

/**
 * The buyer's side of a result: the opened ring elements as the algorithm's result object.
 * Browser-safe.
 *
 * @example
 * const values = await openResult({ market, jobId, sealedShares, privateKey })
 * decodeResult(findCatalogEntry('mean'), { params, schema, rows: 1200, values })
 * // { count: 1187, mean: 41.02 }
 */
export function decodeResult(
  entry: CatalogEntry,
  parameters: DecodeResultParameters,
): AlgorithmResult {
  const { definition } = entry
  const params = parseParams(definition, parameters.params)
  const context = checkParams(definition, params, parameters.schema, parameters.rows)
  return definition.decode(decodeBlocks(parameters.values, definition.layout(context)), context)
}
