import { TriadError } from '../errors/index.ts'

/**
 * The error for a configuration or secret file that cannot be read: a missing file gets
 * `missingHint` (where such a file comes from), any other failure (a folder, no permission) says
 * what the system reported. Never a raw `ENOENT`.
 */
export function cannotReadFile(
  path: string,
  what: string,
  cause: unknown,
  missingHint: string,
): TriadError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') {
    return new TriadError('TRIAD_ERR_CONFIG_INVALID', `The ${what} ${path} does not exist`, {
      cause,
      hint: missingHint,
    })
  }
  return new TriadError('TRIAD_ERR_CONFIG_INVALID', `Cannot read the ${what} ${path}`, {
    cause,
    details: cause instanceof Error ? cause.message : String(cause),
    hint: code === 'EACCES' ? 'Run Triad as the user that owns the file.' : missingHint,
  })
}
