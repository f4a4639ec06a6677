/**
 * `npm run bench:mpc`: the MPC engine's benchmark. Spawns three Node processes, one per party,
 * which connect over mutual TLS 1.3 on 127.0.0.1 (free ports) exactly as nodes do, and runs every
 * case in `cases/index.ts` on all three at once. Prints, per operation and batch size: operations
 * per second, time per call, payload bytes sent per party per operation, and rounds (session steps)
 * per call, with progress while it runs.
 *
 * Options: --only a,b (case names) · --seconds s (timed seconds per row, default 3) ·
 * --quick (1 s per row, first batch only) · --json file (write the results) ·
 * --profile dir (the parties run with --cpu-prof into dir).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { bytesToHex } from 'viem'
import { generateTlsIdentity, type PartyIndex, type TlsIdentity } from '../../src/mpc/index.ts'
import type { BenchCase, BenchTarget } from './BenchCase.ts'
import { benchCases } from './cases/index.ts'
import type { FromParty, ToParty } from './messages.ts'

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'string' },
  },
})
const seconds = options.quick ? 1 : Number(options.seconds)
const only = options.only?.split(',').map((name) => name.trim())
const selected = benchCases.filter((benchCase) => !only || only.includes(benchCase.name))
if (selected.length === 0 || !(seconds > 0)) {
  process.stderr.write(
    `usage: npm run bench:mpc -- [--only ${benchCases.map((c) => c.name).join(',')}] [--seconds s] [--quick] [--json file] [--profile dir]\n`,
  )
  process.exit(2)
}

const out = (line: string) => process.stdout.write(`${line}\n`)

/** A party process and the messages it sent that nobody has taken yet. */
class Party {
  readonly child: ChildProcess
  readonly #queue: FromParty[] = []
  #waiting: { resolve: (message: FromParty) => void; reject: (error: Error) => void } | undefined
  #exited: Error | undefined
  onProgress: (done: number) => void = () => {}

  constructor(readonly index: PartyIndex) {
    const script = fileURLToPath(new URL('./party.ts', import.meta.url))
    const profile = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : []
    this.child = fork(script, [], {
      execArgv: ['--import', 'tsx', ...profile],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (message: FromParty) => {
      if (message.kind === 'progress') return this.onProgress(message.done)
      const waiting = this.#waiting
      this.#waiting = undefined
      if (waiting) waiting.resolve(message)
      else this.#queue.push(message)
    })
    this.child.on('exit', (code) => {
      this.#exited = new Error(`party ${index} exited with code ${code}`)
      this.#waiting?.reject(this.#exited)
      this.#waiting = undefined
    })
  }

  send(message: ToParty): void {
    this.child.send(message)
  }

  async next<K extends FromParty['kind']>(kind: K): Promise<Extract<FromParty, { kind: K }>> {
    const message =
      this.#queue.shift() ??
      (await new Promise<FromParty>((resolve, reject) => {
        if (this.#exited) reject(this.#exited)
        else this.#waiting = { resolve, reject }
      }))
    if (message.kind === 'failed') throw new Error(`party ${this.index}: ${message.message}`)
    if (message.kind !== kind)
      throw new Error(`party ${this.index} sent ${message.kind}, expected ${kind}`)
    return message as Extract<FromParty, { kind: K }>
  }
}

interface Row {
  readonly name: string
  readonly batch: number
  readonly calls: number
  readonly operationsPerSecond: number
  readonly msPerCall: number
  readonly bytesPerPartyPerOperation: number
  readonly roundsPerCall: number
  readonly target: BenchTarget | undefined
}

async function startParties(): Promise<Party[]> {
  const identities = (await Promise.all(
    [0, 1, 2].map((index) => generateTlsIdentity({ commonName: `bench-party-${index}` })),
  )) as TlsIdentity[]
  const parties: Party[] = []
  const ports: number[] = []
  // A party dials only the higher indices, so start the highest first and pass its port down.
  for (const index of [2, 1, 0] as const) {
    const party = new Party(index)
    parties[index] = party
    party.send({
      kind: 'start',
      partyIndex: index,
      identity: identities[index]!,
      peers: ([0, 1, 2] as const)
        .filter((peer) => peer !== index)
        .map((peer) => ({
          index: peer,
          port: ports[peer] ?? 0,
          fingerprint: identities[peer]!.fingerprint,
        })),
    })
    ports[index] = (await party.next('listening')).port
  }
  for (const party of parties) party.send({ kind: 'ready' })
  await Promise.all(parties.map((party) => party.next('ready')))
  return parties
}

async function runOnAll(
  parties: Party[],
  benchCase: BenchCase,
  batch: number,
  calls: number,
  warmup: number,
  onProgress: (done: number) => void,
) {
  const sessionId = bytesToHex(randomBytes(32))
  parties[0]!.onProgress = onProgress
  for (const party of parties)
    party.send({ kind: 'run', caseName: benchCase.name, batch, calls, sessionId, warmup })
  const results = await Promise.all(parties.map((party) => party.next('result')))
  parties[0]!.onProgress = () => {}
  return results
}

async function measure(parties: Party[], benchCase: BenchCase, batch: number): Promise<Row> {
  const label = `${benchCase.name} ×${batch.toLocaleString('en')}`
  // Calibrate: a few calls tell how many fit in the timed seconds.
  const probe = await runOnAll(parties, benchCase, batch, 3, 2, () => {})
  const perCall = Math.max(...probe.map((result) => result.elapsedMs)) / 3
  const calls = Math.max(3, Math.min(1_000_000, Math.ceil((seconds * 1000) / perCall)))
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: `  ${label.padEnd(34)} {bar} {value}/{total} calls`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined
  bar?.start(calls, 0)
  if (!bar) process.stderr.write(`  running ${label}: ${calls} calls…\n`)
  const results = await runOnAll(parties, benchCase, batch, calls, 1, (done) => bar?.update(done))
  bar?.stop()
  const elapsedMs = Math.max(...results.map((result) => result.elapsedMs))
  const operations = calls * (benchCase.operationsPerCall?.(batch) ?? batch)
  return {
    name: benchCase.name,
    batch,
    calls,
    operationsPerSecond: operations / (elapsedMs / 1000),
    msPerCall: elapsedMs / calls,
    bytesPerPartyPerOperation:
      Math.max(...results.map((result) => result.payloadBytesSent)) / operations,
    roundsPerCall: results[0]!.steps / calls,
    target: benchCase.target,
  }
}

function formatRate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M/s`
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k/s`
  return `${value.toFixed(1)} /s`
}

function verdict(row: Row): string {
  const target = row.target
  if (target === undefined) return ''
  if (target.kind === 'opsPerSecond') {
    const ok = row.operationsPerSecond >= target.atLeast
    const stretch = target.stretch !== undefined && row.operationsPerSecond >= target.stretch
    return `${stretch ? 'stretch met' : ok ? 'met' : 'MISSED'} (≥ ${formatRate(target.atLeast)}${target.stretch ? `, stretch ${formatRate(target.stretch)}` : ''})`
  }
  const ok = row.msPerCall <= target.atMost
  const stretch = target.stretch !== undefined && row.msPerCall <= target.stretch
  return `${stretch ? 'stretch met' : ok ? 'met' : 'MISSED'} (≤ ${target.atMost} ms${target.stretch ? `, stretch ${target.stretch} ms` : ''})`
}

const header = [
  'operation'.padEnd(22),
  'batch'.padStart(10),
  'ops/s'.padStart(12),
  'ms/call'.padStart(10),
  'bytes/party/op'.padStart(15),
  'rounds'.padStart(7),
  '  target',
].join('')

function formatRow(row: Row): string {
  return [
    row.name.padEnd(22),
    row.batch.toLocaleString('en').padStart(10),
    formatRate(row.operationsPerSecond).padStart(12),
    row.msPerCall.toFixed(3).padStart(10),
    row.bytesPerPartyPerOperation.toFixed(2).padStart(15),
    String(Number(row.roundsPerCall.toFixed(2))).padStart(7),
    `  ${verdict(row)}`,
  ].join('')
}

async function main(): Promise<void> {
  const cpus = os.cpus()
  out(
    `bench:mpc — 3 processes, mutual TLS 1.3 on 127.0.0.1 · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · Node ${process.version} · ${seconds} s per row`,
  )
  const parties = await startParties()
  const rows: Row[] = []
  try {
    out(header)
    for (const benchCase of selected)
      for (const batch of options.quick ? benchCase.batches.slice(0, 1) : benchCase.batches) {
        const row = await measure(parties, benchCase, batch)
        rows.push(row)
        out(formatRow(row))
      }
  } finally {
    for (const party of parties) party.send({ kind: 'exit' })
    await Promise.all(
      parties.map(
        (party) =>
          new Promise<void>((resolve) => {
            if (party.child.exitCode !== null) return resolve()
            const timer = setTimeout(() => party.child.kill('SIGKILL'), 5_000)
            party.child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
          }),
      ),
    )
  }
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version }, rows }, null, 2)}\n`,
    )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
