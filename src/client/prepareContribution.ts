import { readCommittee, readPool, type TriadClient } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { shareReplicated } from '../mpc/sharing/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { poolSchemaFromUri } from '../protocol/schema/index.ts'
import { MAX_SHARE_ELEMENTS } from '../protocol/uploadRequest.ts'
import { encodeTable, readTable, type TableInput, tableLayout } from '../table/index.ts'
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
  const pool = await readPool(client, { market: market.market, poolId })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  const table = readTable(schema, parameters.data, { maxRows: parameters.maxRows })
  if (table.rowCount === 0) {
    throw new TriadError('TRIAD_ERR_DATA_INVALID', `${table.source} has no rows`, {
      hint: 'A contribution needs at least one row.',
    })
  }
  const vectors = tableLayout(schema).vectors.length
  if (table.rowCount * vectors > MAX_SHARE_ELEMENTS) {
    const fit = Math.floor(MAX_SHARE_ELEMENTS / vectors)
    throw new TriadError(
      'TRIAD_ERR_DATA_TOO_LARGE',
      `${table.source} has ${table.rowCount} rows, more than one upload holds`,
      {
        details: `${vectors} vectors per row in this pool; an upload holds ${MAX_SHARE_ELEMENTS} elements, so ${fit} rows`,
        hint: `Split the rows into contributions of at most ${fit} rows.`,
      },
    )
  }
  const nodes = await readCommittee(client, {
    market: market.market,
    committeeId: pool.committeeId,
  })
  const shares = shareReplicated(encodeTable(table))
  return sealContribution(client, { market, poolId, nodes, rows: table.rowCount, shares })
}
