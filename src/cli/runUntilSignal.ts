/**
 * Keeps a service running until SIGINT or SIGTERM, then closes it cleanly and exits 0. A second
 * signal exits at once.
 */
export function runUntilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false
    const onSignal = () => {
      if (stopping) process.exit(1)
      stopping = true
      close().then(resolve, (error: unknown) => {
        console.error(error)
        process.exitCode = 1
        resolve()
      })
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  })
}
