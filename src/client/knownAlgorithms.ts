import { algorithmCatalog, type CatalogEntry } from '../algorithms/catalog.ts'
import { TriadError } from '../errors/index.ts'

/**
 * An algorithm this client knows: its catalog entry (the id the chain names, the manifest of
 * what it takes, returns and leaks, its public definition) and its name.
 */
export interface KnownAlgorithm extends CatalogEntry {
  readonly name: string
}

/**
 * The algorithms of the library this client was built with (its browser-safe catalog), in the
 * library's order. Pools allow them by id on chain; a client reads a pool's ids against this
 * list to name them.
 *
 * @example
 * knownAlgorithms().map((algorithm) => algorithm.name) // ['count', 'sum', 'mean', ...]
 */
export function knownAlgorithms(): readonly KnownAlgorithm[] {
  return [...algorithmCatalog.values()].map((entry) => ({ ...entry, name: entry.manifest.name }))
}

/**
 * The algorithm with this name (`mean`, any case) or id (`0x…`).
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN listing the known names.
 * @example
 * const { id } = findKnownAlgorithm('mean')
 */
export function findKnownAlgorithm(nameOrId: string): KnownAlgorithm {
  const wanted = nameOrId.toLowerCase()
  const found = knownAlgorithms().find(
    (algorithm) => algorithm.name.toLowerCase() === wanted || algorithm.id.toLowerCase() === wanted,
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
