import type { TriadClient } from '../chain/createTriadClient.ts'
import { readCommittee } from '../chain/readCommittee.ts'
import { shareReplicated } from '../mpc/sharing/shareReplicated.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { poolSchemaFromUri } from '../protocol/schema/index.ts'
import { checkContributable, encodeTable, readTable, type TableInput } from '../table/index.ts'
import { readOpenPool } from './readOpenPool.ts'
import { type PreparedContribution, sealContribution } from './sealContribution.ts'

export type { PreparedContribution } from './sealContribution.ts'

export interface PrepareContributionParameters {
  market: MarketRef
  poolId: bigint
  /**
   * The rows: objects in code (`{ rows }`), CSV or JSON text (`{ csv, source }`, `{ json,
   * source }`; `readTableFile` reads a file into this form), or a table read before.
   */
  data: TableInput
  /** Refuse more rows than this. Default 1,000,000. */
  maxRows?: number
}

/**
 * Everything a contribution needs before it touches the network: the rows read and validated
 * against the pool's schema (from the chain, checked against its hash), encoded column-major
 * with availability masks (`encodeTable`), split into 3-party replicated shares over Z_2^64,
 * then sealed, committed to and signed (`sealContribution`).
 *
 * @throws TriadError TRIAD_ERR_DATA_INVALID (listing the bad cells with file, line, column and
 * rule), TRIAD_ERR_DATA_MALFORMED, TRIAD_ERR_DATA_COLUMNS_MISMATCH, TRIAD_ERR_DATA_TOO_LARGE.
 * @example
 * const prepared = await prepareContribution(seller, {
 *   market,
 *   poolId: 1n,
 *   data: await readTableFile('examples/survey.csv'),
 * })
 */
export async function prepareContribution(
  client: TriadClient,
  parameters: PrepareContributionParameters,
): Promise<PreparedContribution> {
  const { market, poolId } = parameters
  const pool = await readOpenPool(client, { market: market.market, poolId, mustBeOpen: true })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  const table = readTable(schema, parameters.data, { maxRows: parameters.maxRows })
  checkContributable(table)
  const nodes = await readCommittee(client, {
    market: market.market,
    committeeId: pool.committeeId,
  })
  const shares = shareReplicated(encodeTable(table))
  return sealContribution(client, { market, poolId, nodes, rows: table.rowCount, shares })
}
