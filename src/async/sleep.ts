/**
 * Waits `ms` milliseconds, or less when `signal` aborts (then it resolves, it does not throw):
 * the pause of a poll loop that must stop promptly on shutdown.
 *
 * @example
 * while (!signal.aborted) { await poll(); await sleep(500, signal) }
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
