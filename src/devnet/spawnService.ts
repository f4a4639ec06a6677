import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import { fetchPinned } from '../http/fetchPinned.ts'

const triadBin = fileURLToPath(new URL('../../bin/triad.js', import.meta.url))

export interface SpawnedService {
  readonly name: string
  readonly process: ChildProcess
  readonly logFile: string
  /**
   * SIGTERM, then SIGKILL after a grace period; resolves with how the process exited (code 0
   * after a clean shutdown).
   */
  stop(): Promise<ServiceExit>
}

/** How a service process ended: its exit code, or the signal that killed it. */
export interface ServiceExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/**
 * Starts a `triad` subcommand as its own process (a node, a bridge), its output appended to a
 * log file, and waits until `healthUrl` answers 200 (ready). An `https:` health URL is reached
 * pinned to `fingerprint`. Fails with the log's path if the process exits or stays unready.
 */
export async function spawnService(parameters: {
  name: string
  args: readonly string[]
  logFile: string
  healthUrl: string
  /** The certificate fingerprint an `https:` health URL must present. */
  fingerprint?: Hex
  /** Variables added to the process's environment (e.g. a keystore passphrase). */
  env?: Readonly<Record<string, string>>
  timeoutMs?: number
}): Promise<SpawnedService> {
  const log = createWriteStream(parameters.logFile, { flags: 'a' })
  const child = spawn(process.execPath, [triadBin, ...parameters.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...parameters.env },
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const exited = new Promise<ServiceExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )

  let stopping: Promise<ServiceExit> | undefined
  const stop = (): Promise<ServiceExit> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      const exit = await exited
      await new Promise<void>((resolve) => log.end(resolve))
      return exit
    })()
    return stopping
  }

  // Generous: on a loaded machine loading the TypeScript sources alone can take many seconds.
  const deadline = Date.now() + (parameters.timeoutMs ?? 90_000)
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop()
      throw new TriadError(
        'TRIAD_ERR_SERVICE_START_FAILED',
        `${parameters.name} exited during start-up`,
        {
          details: `exit code ${child.exitCode ?? child.signalCode}`,
          hint: `Read its log: ${parameters.logFile}`,
        },
      )
    }
    const healthy = await fetchPinned(parameters.healthUrl, {
      timeoutMs: 2_000,
      ...(parameters.fingerprint ? { fingerprint: parameters.fingerprint } : {}),
    })
      .then((response) => response.ok)
      .catch(() => false)
    if (healthy) break
    if (Date.now() > deadline) {
      await stop()
      throw new TriadError(
        'TRIAD_ERR_SERVICE_START_FAILED',
        `${parameters.name} did not become healthy`,
        {
          details: `no ready answer from ${parameters.healthUrl}`,
          hint: `Read its log: ${parameters.logFile}`,
        },
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { name: parameters.name, process: child, logFile: parameters.logFile, stop }
}
