import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const triad = fileURLToPath(new URL('../../bin/triad.js', import.meta.url))

/** What a `triad` command printed and how it exited. */
export interface TriadRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the `triad` command as a user types it, as its own process, with `env` added to the
 * environment; killed after `timeoutMs`.
 */
export function runTriad(
  args: readonly string[],
  options: { env?: Readonly<Record<string, string>>; timeoutMs?: number } = {},
): Promise<TriadRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [triad, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
