import type { Hex } from 'viem'
import { algorithmLibrary } from '../algorithms/index.ts'
import type { AlgorithmManifest } from '../algorithms/manifest.ts'
import { TriadError } from '../errors/index.ts'

/** An algorithm this client knows: what the chain names (its id) and what it takes. */
export interface KnownAlgorithm {
  readonly id: Hex
  readonly name: string
  readonly manifest: AlgorithmManifest
}

/**
 * The algorithms of the library this client was built with, in library order. Pools allow them
 * by id on chain; a client reads a pool's ids against this list to name them.
 *
 * @example
 * knownAlgorithms().map((algorithm) => algorithm.name) // ['sum']
 */
export function knownAlgorithms(): readonly KnownAlgorithm[] {
  return [...algorithmLibrary.values()].map((algorithm) => ({
    id: algorithm.id,
    name: algorithm.manifest.name,
    manifest: algorithm.manifest,
  }))
}

/**
 * The algorithm with this name (`sum`) or id (`0x…`).
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN listing the known names.
 * @example
 * const { id } = findKnownAlgorithm('sum')
 */
export function findKnownAlgorithm(nameOrId: string): KnownAlgorithm {
  const wanted = nameOrId.toLowerCase()
  const found = knownAlgorithms().find(
    (algorithm) => algorithm.name === wanted || algorithm.id.toLowerCase() === wanted,
  )
  if (!found) {
    throw new TriadError('TRIAD_ERR_ALGORITHM_UNKNOWN', `No algorithm is called ${nameOrId}`, {
      hint: `Known algorithms: ${knownAlgorithms()
        .map((algorithm) => algorithm.name)
        .join(', ')}.`,
    })
  }
  return found
}
