import { TriadError } from '../errors/index.ts'
import { type ReplicatedShare, SecureIntVector, type Session } from '../mpc/index.ts'
import { type Algorithm, type AlgorithmManifest, algorithmId } from './manifest.ts'

export const sumManifest: AlgorithmManifest = {
  name: 'sum',
  version: '1.0.0',
  columns: [{ name: 'values', type: 'int64' }],
  params: [],
  output: { type: 'int64', shape: 'scalar' },
  leakage: 'none beyond the result',
}

export const sumSource = 'triad/src/algorithms/sum.ts'

export interface RunSumParameters {
  readonly session: Session
  /** This party's share of the column. */
  readonly column: ReplicatedShare
}

/**
 * The sum of a column, mod 2^64 (two's complement: exact while the true sum is in [-2^63, 2^63)).
 * Local additions, then one round to re-randomise the output for the buyer.
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
  async run({ session, columns }) {
    const [column] = columns
    if (column === undefined || columns.length !== 1)
      throw new TriadError('TRIAD_ERR_ALGORITHM_INPUT_INVALID', 'sum takes exactly one column', {
        details: `${columns.length} columns given`,
      })
    return runSum({ session, column })
  },
}
