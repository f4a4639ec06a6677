import type { Hex } from 'viem'
import { TriadError } from '../../errors/index.ts'
import type { CatalogEntry } from '../catalog.ts'
import { hashFile, hashSources } from '../definition/manifest.ts'
import { algorithmSourceFiles, cachingReader, type SourceReader } from './algorithmSourceFiles.ts'
import { diskSourceReader } from './readSources.ts'

/** The outcome of re-hashing the algorithms' sources on disk. */
export interface SourceVerification {
  /** Ids whose source on disk hashes to what the id says. */
  readonly verified: ReadonlySet<Hex>
  /** Algorithms whose source on disk differs from their id, with both hashes. */
  readonly mismatches: readonly { name: string; id: Hex; expected: Hex; actual: Hex }[]
}

/**
 * Re-hashes, from disk, the source files every algorithm will run, and compares each hash with
 * the one its id was built from. A node does this at start: an algorithm whose code changed
 * since its id was generated cannot run a job that names the old id.
 *
 * @example
 * const verification = verifyAlgorithmSources([...algorithmLibrary.values()])
 */
export function verifyAlgorithmSources(
  entries: readonly CatalogEntry[],
  source: SourceReader = diskSourceReader(),
): SourceVerification {
  const reader = cachingReader(source)
  const hashes = new Map<string, Hex>()
  const hashOf = (path: string) => {
    const known = hashes.get(path)
    if (known !== undefined) return known
    const hash = hashFile(reader.read(path))
    hashes.set(path, hash)
    return hash
  }
  const verified = new Set<Hex>()
  const mismatches: { name: string; id: Hex; expected: Hex; actual: Hex }[] = []
  for (const entry of entries) {
    const name = entry.manifest.name
    const files = algorithmSourceFiles(name, reader)
    const actual = hashSources(files.map((path) => ({ path, hash: hashOf(path) })))
    if (actual === entry.sourceHash) verified.add(entry.id)
    else mismatches.push({ name, id: entry.id, expected: entry.sourceHash, actual })
  }
  return { verified, mismatches }
}

/**
 * Throws unless the algorithm's source was verified.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH naming both hashes.
 */
export function assertSourceVerified(verification: SourceVerification, entry: CatalogEntry): void {
  if (verification.verified.has(entry.id)) return
  const mismatch = verification.mismatches.find((item) => item.id === entry.id)
  throw new TriadError(
    'TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH',
    `The code of ${entry.manifest.name} on this node is not the code its id names`,
    {
      details: mismatch
        ? `id ${entry.id} was built from source hash ${mismatch.expected}; the files on disk hash to ${mismatch.actual}`
        : `id ${entry.id} was not verified at start`,
      hint: 'Run the node from a clean checkout of a release (npm run algorithms:ids regenerates the ids after a change; pools must then allow the new ids).',
    },
  )
}
