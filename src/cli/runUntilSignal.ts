import { formatCliError } from './formatCliError.ts'

/**
 * Keeps a service running until SIGINT or SIGTERM, then closes it cleanly and exits 0. A second
 * signal while it closes exits at once with 1. A failure to close is printed like any CLI
 * error (`error CODE: message`) and exits 1.
 */
export function runUntilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false
    const onSignal = () => {
      if (stopping) process.exit(1)
      stopping = true
      close().then(resolve, (error: unknown) => {
        console.error(formatCliError(error))
        process.exitCode = 1
        resolve()
      })
    }
    // `on`, not `once`: the second Ctrl-C must reach the handler to force the exit.
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
