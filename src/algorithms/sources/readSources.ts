import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceReader } from './algorithmSourceFiles.ts'

/** The repository root this code runs from (three levels above this file). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Reads source files from disk, relative to the repository root: the files the node will run,
 * since tsx runs the TypeScript sources as they are.
 */
export function diskSourceReader(base: string = repositoryRoot): SourceReader {
  return {
    list(directory) {
      try {
        return readdirSync(join(base, directory))
      } catch {
        return []
      }
    },
    read(path) {
      return readFileSync(join(base, path), 'utf8')
    },
  }
}
