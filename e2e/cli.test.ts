import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { writeDeployment } from '../src/chain/index.ts'
import { fetchPinned } from '../src/http/fetchPinned.ts'
import type { NodeConfigFile } from '../src/node/config.ts'
import type { NodeRecord } from '../src/node/initNode.ts'

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

  it('`triad demo` asks a mean, a histogram and a regression of real data; each agrees with its twin and the data', async () => {
    const { code, stdout, stderr } = await run([
      'demo',
      '--json',
      '--state',
      join(stateDir, 'demo'),
    ])
    assert.equal(code, 0, stderr)
    const report = JSON.parse(stdout) as {
      source: string
      rowsPerSeller: number[]
      questions: {
        algorithm: string
        result: { value: Record<string, unknown> }
        plaintext: Record<string, unknown>
        agrees: boolean
        largestDifference: number
        price: string
      }[]
      balances: { party: string; before: string; after: string }[]
    }
    assert.match(report.source, /seattle-weather\.csv/)
    assert.equal(
      report.rowsPerSeller.reduce((sum, rows) => sum + rows, 0),
      1461,
      'every day of the data set is sold',
    )
    assert.deepEqual(
      report.questions.map((question) => question.algorithm),
      ['mean', 'histogram', 'linearRegression'],
    )
    for (const question of report.questions) {
      assert.equal(question.agrees, true, JSON.stringify(question))
      assert.ok(question.largestDifference < 1e-9)
    }
    // Beyond the twins: the answers against the data set read here, in plain floats (the pool
    // holds each value to 2^-16, so the mean agrees to 1e-4).
    const days = readFileSync(
      join(
        dirname(createRequire(import.meta.url).resolve('vega-datasets')),
        '..',
        'data',
        'seattle-weather.csv',
      ),
      'utf8',
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[2]))
    const [mean, histogram, regression] = report.questions.map((question) => question.result.value)
    assert.equal(mean!.count, 1461)
    assert.ok(
      Math.abs((mean!.mean as number) - days.reduce((a, b) => a + b, 0) / days.length) < 1e-4,
    )
    const bins = histogram!.bins as { from: number; to: number; count: number }[]
    for (const bin of bins) {
      const inside = days.filter(
        (day) => day >= bin.from && (day < bin.to || (bin.to === 40 && day === 40)),
      ).length
      assert.equal(bin.count, inside, `${bin.from} to ${bin.to}`)
    }
    assert.equal(regression!.count, 1461)
    assert.ok((regression!.r2 as number) > 0.5 && (regression!.r2 as number) < 1)
    const paid = report.questions.reduce((sum, question) => sum + BigInt(question.price), 0n)
    const buyer = report.balances.find((line) => line.party === 'buyer')!
    assert.equal(BigInt(buyer.after) - BigInt(buyer.before), -paid)
    assert.equal(report.balances.filter((line) => line.party.startsWith('seller')).length, 5)
  })

  it('`triad demo` narrates the eight steps, as the README tour shows them', async () => {
    const { code, stdout, stderr } = await run(['demo', '--state', join(stateDir, 'narrated')])
    assert.equal(code, 0, stderr)
    for (const step of [1, 2, 3, 4, 5, 6, 7, 8])
      assert.match(stdout, new RegExp(`^${step}\\. `, 'm'))
    assert.equal(
      stdout.match(/the plaintext twin on the same rows: (equal|agree to \de-\d+)$/gm)?.length,
      3,
    )
    // The README's demo is a real run: its headings and answer lines must still be what the demo
    // prints (addresses, ports, hashes and gas differ from run to run).
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
    const tour = /```\n(Triad demo:[\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const stable = tour
      .split('\n')
      .filter((line) =>
        /^\d\. |^Question |^Answers|^Balances|^ +\d\. (What|How)|^ +mean daily high|^ +-?\d+ to -?\d+ °C|^ +daily high ≈|^ +each degree/.test(
          line,
        ),
      )
    assert.ok(stable.length >= 12, 'the README has a tour')
    for (const line of stable) assert.ok(stdout.includes(line), `README line not printed: ${line}`)
  })

  it('refuses a bad option with a message that says what is allowed', async () => {
    const { code, stderr } = await run(['demo', '--sellers', '1'])
    assert.equal(code, 1)
    assert.match(
      stderr,
      /^error TRIAD_ERR_USAGE: --sellers must be a whole number from 3 to 50, got 1/,
    )
    const malformed = await run(['dev', '--sellers', '5x', '--state', join(stateDir, 'never')])
    assert.equal(malformed.code, 1)
    assert.match(malformed.stderr, /^error TRIAD_ERR_USAGE: --sellers must be .* got 5x/)
    assert.doesNotMatch(malformed.stderr, /\n\s+at /, 'no stack trace')
  })

  it('`triad node start` with a missing config names the file and the fix', async () => {
    const { code, stderr } = await run(['node', 'start', '--config', join(stateDir, 'nope.json')])
    assert.equal(code, 1)
    assert.match(stderr, /TRIAD_ERR_CONFIG_INVALID/)
    assert.match(stderr, /nope\.json/)
  })

  it('`triad node start` names each bad field of its config, and a corrupt key file', async () => {
    const dir = join(stateDir, 'bad-node')
    mkdirSync(dir, { recursive: true })
    writeDeployment(stateDir, {
      chainId: 31337,
      rpcUrl: 'http://127.0.0.1:1',
      market: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      deployBlock: 0n,
    })
    const config: NodeConfigFile = {
      index: 0,
      chain: { deploymentDir: '..' },
      committeeId: '1',
      api: { host: '127.0.0.1', port: 0 },
      mpc: { host: '127.0.0.1', port: 0 },
      keysFile: 'keys.json',
      dataDir: 'data',
    }
    const configFile = join(dir, 'node.json')
    writeFileSync(configFile, JSON.stringify({ ...config, index: 5, api: { host: '' } }))
    const bad = await run(['node', 'start', '--config', configFile])
    assert.equal(bad.code, 1)
    assert.match(
      bad.stderr,
      /^error TRIAD_ERR_CONFIG_INVALID: The node configuration .*node\.json is invalid/,
    )
    assert.match(bad.stderr, /index: .*api\.host: .*api\.port: /)

    writeFileSync(configFile, JSON.stringify(config))
    writeFileSync(join(dir, 'keys.json'), '{"signingKey": "0x12', { mode: 0o600 })
    const corrupt = await run(['node', 'start', '--config', configFile])
    assert.equal(corrupt.code, 1)
    assert.match(
      corrupt.stderr,
      /^error TRIAD_ERR_CONFIG_INVALID: The node key file .*keys\.json is not JSON/,
    )
    assert.doesNotMatch(corrupt.stderr, /SyntaxError|\n\s+at /)
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
    const nodeUrl = /node 0 +(https:\/\/\S+)/.exec(stdout)?.[1]
    assert.ok(rpcUrl && nodeUrl, stdout)
    // The node's API is HTTPS with the certificate its published record pins.
    const record = JSON.parse(
      readFileSync(join(stateDir, 'dev', 'node-0', 'record.json'), 'utf8'),
    ) as NodeRecord
    assert.equal(record.apiUrl, nodeUrl)
    const health = (await (
      await fetchPinned(`${nodeUrl}/healthz`, { fingerprint: record.tlsFingerprint })
    ).json()) as { status: string; ready: boolean }
    assert.equal(health.status, 'ready')
    assert.equal(health.ready, true)

    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.match(stdout, /Stopped\./)
    await assert.rejects(fetchPinned(`${nodeUrl}/healthz`, { fingerprint: record.tlsFingerprint }))
    await assert.rejects(
      fetch(rpcUrl, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' }),
    )
  })
})
