import { readFileSync, statSync } from 'node:fs'
import { TriadError } from '../errors/index.ts'
import { cannotReadFile } from './cannotReadFile.ts'

export interface ReadSecretFileOptions {
  /** What the file is, for messages: `'node key file'`. */
  readonly what: string
  /** Where such a file comes from, shown when it is missing. */
  readonly missingHint: string
}

/**
 * Reads a file holding a secret (a private key), refusing one that anyone but its owner may
 * read or write (`mode & 0o077`): a key others can read is a key others may have copied.
 * Throws `TRIAD_ERR_CONFIG_INVALID` with a `chmod 600` hint, or with `missingHint` when the
 * file is missing.
 *
 * @example
 * const key = readSecretFile('.triad/bridge/key', {
 *   what: 'bridge key file',
 *   missingHint: '`triad dev` writes one at <state>/bridge/key.',
 * }).trim()
 */
export function readSecretFile(path: string, options: ReadSecretFileOptions): string {
  let text: string
  try {
    const mode = statSync(path).mode & 0o777
    if ((mode & 0o077) !== 0) {
      throw new TriadError(
        'TRIAD_ERR_CONFIG_INVALID',
        `The ${options.what} ${path} is readable by others`,
        {
          details: `mode ${mode.toString(8).padStart(3, '0')}; a secret must be 600`,
          hint: `Run: chmod 600 ${path}`,
        },
      )
    }
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    if (cause instanceof TriadError) throw cause
    throw cannotReadFile(path, options.what, cause, options.missingHint)
  }
  return text
}
