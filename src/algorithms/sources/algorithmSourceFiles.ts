/**
 * Which files make up an algorithm, for its id: every file of its folder
 * `src/algorithms/library/<name>/` (tests excepted) and every file of `src/algorithms` those import,
 * transitively (the definition model, the secure runtime, the filters, the noise). Files outside
 * `src/algorithms` (the MPC engine, the schema) are not part of the id: they are the node's
 * release, versioned with it. `generated/` is never part of it (it holds the ids themselves).
 *
 * Browser-safe: the caller supplies the directory listing and file reading.
 */
export interface SourceReader {
  /** The file names in a directory (repository-relative path), or [] if there is none. */
  list(directory: string): readonly string[]
  /** A file's text (repository-relative path). */
  read(path: string): string
}

const root = 'src/algorithms/'

/**
 * A reader that reads each file once and lists each directory once: every algorithm's closure
 * shares most files (the runtime), so hashing the library reads them once, not 18 times.
 */
export function cachingReader(reader: SourceReader): SourceReader {
  const texts = new Map<string, string>()
  const listings = new Map<string, readonly string[]>()
  return {
    list(directory) {
      const known = listings.get(directory)
      if (known !== undefined) return known
      const listing = reader.list(directory)
      listings.set(directory, listing)
      return listing
    },
    read(path) {
      const known = texts.get(path)
      if (known !== undefined) return known
      const text = reader.read(path)
      texts.set(path, text)
      return text
    },
  }
}
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g

/**
 * The repository-relative paths of an algorithm's source files, sorted.
 *
 * @example
 * algorithmSourceFiles('mean', reader) // ['src/algorithms/decode/byGroup.ts', …, 'src/algorithms/library/mean/mean.ts', …]
 */
export function algorithmSourceFiles(name: string, reader: SourceReader): string[] {
  const folder = `${root}library/${name}`
  const start = reader
    .list(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => `${folder}/${file}`)
  if (start.length === 0) throw new Error(`no source files for algorithm ${name} in ${folder}`)
  const seen = new Set<string>()
  const queue = [...start]
  while (queue.length > 0) {
    const path = queue.pop()!
    if (seen.has(path)) continue
    seen.add(path)
    for (const match of reader.read(path).matchAll(importPattern)) {
      const target = resolve(path, match[1]!)
      if (
        target.startsWith(root) &&
        !target.startsWith(`${root}generated/`) &&
        !target.endsWith('.test.ts')
      )
        queue.push(target)
    }
  }
  return [...seen].sort()
}

function resolve(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}
