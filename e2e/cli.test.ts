import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const triad = fileURLToPath(new URL('../bin/triad.js', import.meta.url))

function run(args: string[], options: { timeoutMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [triad, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The `triad` command as a new user types it. */
describe('the triad command', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-cli-'))
  after(() => rmSync(stateDir, { recursive: true, force: true }))

  it('`triad demo` runs a round and its opened result equals the plaintext sum', async () => {
    const { code, stdout, stderr } = await run([
      'demo',
      '--json',
      '--state',
      join(stateDir, 'demo'),
    ])
    assert.equal(code, 0, stderr)
    const report = JSON.parse(stdout) as {
      result: string
      plaintext: string
      price: string
      balances: { party: string; before: string; after: string }[]
    }
    assert.equal(report.result, report.plaintext)
    assert.ok(BigInt(report.plaintext) > 0n)
    const buyer = report.balances.find((line) => line.party === 'buyer')!
    assert.equal(BigInt(buyer.after) - BigInt(buyer.before), -BigInt(report.price))
    assert.equal(report.balances.filter((line) => line.party.startsWith('seller')).length, 5)
  })

  it('`triad demo` narrates the eight steps', async () => {
    const { code, stdout } = await run(['demo', '--state', join(stateDir, 'narrated')])
    assert.equal(code, 0)
    for (const step of [1, 2, 3, 4, 5, 6, 7, 8])
      assert.match(stdout, new RegExp(`^${step}\\. `, 'm'))
    assert.match(stdout, /plaintext sum: +(\d+) {2}\(equal\)/)
  })

  it('refuses a bad option with a message that says what is allowed', async () => {
    const { code, stderr } = await run(['demo', '--sellers', '1'])
    assert.equal(code, 1)
    assert.match(stderr, /--sellers must be a whole number from 3 to 50, got 1/)
  })

  it('`triad node start` with a missing config names the file and the fix', async () => {
    const { code, stderr } = await run(['node', 'start', '--config', join(stateDir, 'nope.json')])
    assert.equal(code, 1)
    assert.match(stderr, /TRIAD_ERR_CONFIG_INVALID/)
    assert.match(stderr, /nope\.json/)
  })

  it('`triad dev` runs the market until Ctrl-C, then stops every process', async () => {
    const child = spawn(process.execPath, [triad, 'dev', '--state', join(stateDir, 'dev')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    const deadline = Date.now() + 60_000
    while (!stdout.includes('Press Ctrl-C') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.match(stdout, /Press Ctrl-C/)
    const rpcUrl = /RPC +(http:\/\/\S+)/.exec(stdout)?.[1]
    const nodeUrl = /node 0 +(http:\/\/\S+)/.exec(stdout)?.[1]
    assert.ok(rpcUrl && nodeUrl, stdout)
    const health = (await (await fetch(`${nodeUrl}/health`)).json()) as { status: string }
    assert.equal(health.status, 'ok')

    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.match(stdout, /Stopped\./)
    await assert.rejects(fetch(`${nodeUrl}/health`))
    await assert.rejects(
      fetch(rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' }),
    )
  })
})
