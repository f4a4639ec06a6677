import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { Algorithm } from './manifest.ts'
import { sumAlgorithm } from './sum.ts'

/** The standard library, by id. The chain's pool policies refer to these ids. */
export const algorithmLibrary: ReadonlyMap<Hex, Algorithm> = new Map(
  [sumAlgorithm].map((algorithm) => [algorithm.id, algorithm]),
)

/**
 * The algorithm with this id.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN if the library has none.
 * @example
 * const algorithm = findAlgorithm(job.algorithmId)
 * const forBuyer = await algorithm.run({ session, table, params })
 */
export function findAlgorithm(id: Hex): Algorithm {
  const algorithm = algorithmLibrary.get(id.toLowerCase() as Hex)
  if (algorithm === undefined)
    throw new TriadError('TRIAD_ERR_ALGORITHM_UNKNOWN', 'No algorithm in the library has this id', {
      details: id,
      hint: `Known ids: ${[...algorithmLibrary.values()].map((a) => `${a.manifest.name} ${a.id}`).join(', ')}`,
    })
  return algorithm
}
