import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { runTriad } from './support/runTriad.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const triad = join(root, 'bin', 'triad.js')

/** The README's command-line tour: each `$ npx triad ...` command and the output shown under it. */
function readmeTour(): { args: string[]; shown: string[] }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const block =
    /## A tour: sell and buy from the command line[\s\S]*?```console\n([\s\S]*?)```/.exec(
      readme,
    )?.[1]
  assert.ok(block, 'the README has a console tour')
  const steps: { args: string[]; shown: string[] }[] = []
  for (const line of block.split('\n')) {
    const command = /^\$ npx triad (.*)$/.exec(line)
    if (command) steps.push({ args: command[1]!.split(' '), shown: [] })
    else if (line.trim() !== '') steps.at(-1)?.shown.push(line)
  }
  return steps
}

/**
 * A line that any run prints the same: not a hash, a commitment, gas, a date or a path (those
 * differ from run to run; addresses do not, since the dev chain derives them the same way).
 */
function isStable(line: string): boolean {
  return !/0x[0-9a-f]{64}|0x[0-9a-f]{8}…|gas\)|\d{4}-\d\d-\d\dT|\.key\.json/.test(line)
}

/** The README tour, run as a new user types it against `triad dev`, prints what the README shows. */
describe('the README tour', () => {
  const state = mkdtempSync(join(tmpdir(), 'triad-readme-'))
  let dev: ChildProcess | undefined
  before(async () => {
    dev = spawn(process.execPath, [triad, 'dev', '--state', state], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    dev.stdout?.on('data', (chunk) => {
      output += chunk
    })
    const deadline = Date.now() + 120_000
    while (!output.includes('Press Ctrl-C') && dev.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    assert.match(output, /Press Ctrl-C/, output)
  })
  after(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once('exit', resolve))
      dev.kill('SIGINT')
      await exited
    }
    rmSync(state, { recursive: true, force: true })
  })

  it('runs every command and prints every stable line the README shows', async () => {
    const steps = readmeTour()
    assert.deepEqual(
      steps.map((step) => step.args[0]),
      ['pool', 'sell', 'sell', 'sell', 'pool', 'buy', 'buy', 'earnings', 'withdraw'],
    )
    for (const step of steps) {
      const run = await runTriad(step.args, {
        env: { TRIAD_STATE: state },
        timeoutMs: 120_000,
      })
      assert.equal(run.code, 0, `triad ${step.args.join(' ')}:\n${run.stderr}`)
      const stable = step.shown.filter(isStable)
      assert.ok(stable.length > 0, `the README shows output for ${step.args.join(' ')}`)
      for (const line of stable) {
        assert.ok(
          run.stdout.split('\n').includes(line),
          `triad ${step.args.join(' ')} no longer prints the README's line:\n${line}\nit printed:\n${run.stdout}`,
        )
      }
    }
  })
})
