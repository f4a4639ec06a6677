import { TriadError } from '../errors/index.ts'
import { type ReplicatedShare, SecureIntVector, type Session } from '../mpc/index.ts'
import { MAX_TABLE_ROWS } from '../protocol/schema/index.ts'
import { columnShares } from '../table/index.ts'
import { type Algorithm, type AlgorithmManifest, algorithmId } from './manifest.ts'
import { checkAlgorithmParams } from './params.ts'

export const sumManifest: AlgorithmManifest = {
  name: 'sum',
  version: '2.0.0',
  params: [
    {
      name: 'column',
      type: 'column',
      columnTypes: ['integer', 'fixed', 'boolean'],
      description: 'the column to add up; missing values are left out (their slot is 0)',
    },
  ],
  output: {
    type: 'int64',
    shape: 'scalar',
    description:
      "the sum in the column's encoding: an integer sum, a fixed-point sum scaled by 2^fractionalBits, or for a boolean column the count of true",
  },
  leakage: 'none beyond the result',
}

export const sumSource = 'triad/src/algorithms/sum.ts'

export interface RunSumParameters {
  readonly session: Session
  /** This party's share of the column. */
  readonly column: ReplicatedShare
}

/**
 * The sum of a column, mod 2^64 (two's complement: exact while the true sum is in [-2^63, 2^63),
 * which a pool schema's bounds guarantee for up to 2^24 rows). Local additions, then one round
 * to re-randomise the output for the buyer.
 *
 * @leakage none beyond the result.
 * @returns this party's share of the sum, for the caller to seal to the buyer.
 * @example
 * const forBuyer = await runSum({ session, column })
 */
export function runSum({ session, column }: RunSumParameters): Promise<ReplicatedShare> {
  return SecureIntVector.fromShare(session, column)
    .sum()
    .revealTo({ kind: 'external', name: 'buyer' })
}

/**
 * The plaintext twin of `runSum`, for tests: the same result, in the clear, with the same
 * wrap-around.
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

export const sumAlgorithm: Algorithm = {
  id: algorithmId(sumManifest, sumSource),
  manifest: sumManifest,
  source: sumSource,
  async run({ session, table, params }) {
    checkAlgorithmParams(sumManifest, params, table.schema)
    if (table.rows > MAX_TABLE_ROWS) {
      throw new TriadError('TRIAD_ERR_ALGORITHM_INPUT_INVALID', 'sum: the pool has too many rows', {
        details: `${table.rows} rows; the schema's bounds keep sums exact up to ${MAX_TABLE_ROWS}`,
      })
    }
    // A missing value's slot is 0, so summing the value vector adds the present values only.
    return runSum({ session, column: columnShares(table, params.column!).value })
  },
}
