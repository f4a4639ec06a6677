import { isTriadError } from '../errors/index.ts'

/**
 * How the `triad` command prints an error it cannot handle: `error CODE: message` with the
 * details and hint lines of a TriadError, `error: message` for anything else. No stack: the
 * reader is an operator, not a debugger.
 *
 * @example
 * console.error(formatCliError(error)) // error TRIAD_ERR_CONFIG_INVALID: The node key file ...
 */
export function formatCliError(error: unknown): string {
  if (isTriadError(error)) return `error ${error.code}: ${error.message}`
  return `error: ${error instanceof Error ? error.message : String(error)}`
}
