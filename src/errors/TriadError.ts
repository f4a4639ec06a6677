import type { TriadErrorCode } from './codes.ts'

export interface TriadErrorOptions {
  /** What exactly was wrong: the value, the file and line, the limit. */
  readonly details?: string
  /** What the user can do about it. */
  readonly hint?: string
  readonly cause?: unknown
  /** Whether trying the same thing again later may succeed (a peer down, an RPC outage). */
  readonly retryable?: boolean
}

/**
 * The base of every error Triad raises on purpose. A stable code from the registry in
 * `codes.ts`, a short message, the details, a hint that says how to fix it, and the cause chain.
 *
 * @example
 * throw new TriadError('TRIAD_ERR_POOL_UNKNOWN', 'Pool 7 does not exist', {
 *   hint: 'List the pools with `triad pool list`.',
 * })
 */
export class TriadError extends Error {
  override readonly name: string = 'TriadError'
  readonly code: TriadErrorCode
  readonly shortMessage: string
  readonly details: string | undefined
  readonly hint: string | undefined
  readonly retryable: boolean

  constructor(code: TriadErrorCode, shortMessage: string, options: TriadErrorOptions = {}) {
    const lines = [shortMessage]
    if (options.details) lines.push(`Details: ${options.details}`)
    if (options.hint) lines.push(`Hint: ${options.hint}`)
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = options.details
    this.hint = options.hint
    this.retryable = options.retryable ?? false
  }
}

/** True when `error` is a TriadError with the given code. */
export function isTriadError(error: unknown, code?: TriadErrorCode): error is TriadError {
  return error instanceof TriadError && (code === undefined || error.code === code)
}
