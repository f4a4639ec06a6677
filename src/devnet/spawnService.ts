import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { TriadError } from '../errors/index.ts'

const triadBin = fileURLToPath(new URL('../../bin/triad.js', import.meta.url))

export interface SpawnedService {
  readonly name: string
  readonly process: ChildProcess
  readonly logFile: string
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process has exited. */
  stop(): Promise<void>
}

/**
 * Starts a `triad` subcommand as its own process (a node, a bridge), its output appended to a
 * log file, and waits until `healthUrl` answers. Fails with the log's path if the process exits
 * or stays silent.
 */
export async function spawnService(parameters: {
  name: string
  args: readonly string[]
  logFile: string
  healthUrl: string
  timeoutMs?: number
}): Promise<SpawnedService> {
  const log = createWriteStream(parameters.logFile, { flags: 'a' })
  const child = spawn(process.execPath, [triadBin, ...parameters.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    log.end()
  }

  const deadline = Date.now() + (parameters.timeoutMs ?? 30_000)
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
    const healthy = await fetch(parameters.healthUrl, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.ok)
      .catch(() => false)
    if (healthy) break
    if (Date.now() > deadline) {
      await stop()
      throw new TriadError(
        'TRIAD_ERR_SERVICE_START_FAILED',
        `${parameters.name} did not become healthy`,
        {
          details: `no answer from ${parameters.healthUrl}`,
          hint: `Read its log: ${parameters.logFile}`,
        },
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { name: parameters.name, process: child, logFile: parameters.logFile, stop }
}
