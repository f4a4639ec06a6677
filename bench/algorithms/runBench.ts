/**
 * `npm run bench:algorithms`: every algorithm of the library, three parties over mutual TLS 1.3 on
 * 127.0.0.1 (the party processes of `bench:mpc`, one Node process each), at 10k, 100k and 1M rows
 * of a bench table (`benchTable.ts`), except sizes a case marks as taking minutes. Prints, per job:
 * wall time, the busiest party's CPU time, payload megabytes sent per party, rounds, and the issue's
 * target where there is one. Timings on a shared machine are noisy: the CPU column is what load
 * inflates least.
 *
 * Options: --only a,b (algorithm names) · --sizes 10000,100000 · --json file · --profile dir (the
 * parties run with --cpu-prof into dir).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { bytesToHex } from 'viem'
import {
  type PartyProcess,
  startPartyProcesses,
  stopPartyProcesses,
} from '../mpc/partyProcesses.ts'
import { type AlgorithmBenchCase, algorithmBenchCases, benchSizes } from './cases.ts'

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
  },
})
const only = options.only?.split(',').map((name) => name.trim())
const sizes = options.sizes?.split(',').map(Number) ?? [...benchSizes]
const selected = algorithmBenchCases.filter((benchCase) => !only || only.includes(benchCase.name))
if (selected.length === 0 || sizes.some((size) => !Number.isSafeInteger(size) || size < 1)) {
  process.stderr.write(
    `usage: npm run bench:algorithms -- [--only ${algorithmBenchCases.map((c) => c.name).join(',')}] [--sizes 10000,100000,1000000] [--json file] [--profile dir]\n`,
  )
  process.exit(2)
}

const out = (line: string) => process.stdout.write(`${line}\n`)

interface Row {
  readonly name: string
  readonly rows: number
  readonly calls: number
  readonly ms: number
  readonly cpuMs: number
  readonly megabytesPerParty: number
  readonly rounds: number
  readonly goal: string
}

async function measure(
  parties: PartyProcess[],
  benchCase: AlgorithmBenchCase,
  rows: number,
): Promise<Row> {
  // Small jobs: one warm-up and three timed calls; large ones: one cold call (no time for more).
  const [warmup, calls] = rows <= 10_000 ? [1, 3] : [0, 1]
  const sessionId = bytesToHex(randomBytes(32))
  process.stderr.write(`  ${benchCase.name} × ${rows.toLocaleString('en')} rows…\n`)
  for (const party of parties)
    party.send({ kind: 'run', caseName: benchCase.name, batch: rows, calls, sessionId, warmup })
  const results = await Promise.all(parties.map((party) => party.next('result')))
  const ms = Math.max(...results.map((result) => result.elapsedMs)) / calls
  const goal = benchCase.goal?.rows === rows ? benchCase.goal.atMostMs : undefined
  return {
    name: benchCase.name,
    rows,
    calls,
    ms,
    cpuMs: Math.max(...results.map((result) => result.cpuMs)) / calls,
    megabytesPerParty: Math.max(...results.map((result) => result.payloadBytesSent)) / calls / 1e6,
    rounds: results[0]!.steps / calls,
    goal:
      goal === undefined
        ? ''
        : `${ms <= goal ? 'met' : 'MISSED'} (≤ ${goal.toLocaleString('en')} ms)`,
  }
}

const header = [
  'algorithm'.padEnd(18),
  'rows'.padStart(11),
  'ms'.padStart(11),
  'cpu ms'.padStart(11),
  'MB/party'.padStart(10),
  'rounds'.padStart(8),
  '  target',
].join('')

function formatRow(row: Row): string {
  return [
    row.name.padEnd(18),
    row.rows.toLocaleString('en').padStart(11),
    Math.round(row.ms).toLocaleString('en').padStart(11),
    Math.round(row.cpuMs).toLocaleString('en').padStart(11),
    row.megabytesPerParty.toFixed(1).padStart(10),
    String(Math.round(row.rounds)).padStart(8),
    `  ${row.goal}`,
  ].join('')
}

async function main(): Promise<void> {
  const cpus = os.cpus()
  out(
    `bench:algorithms — 3 processes, mutual TLS 1.3 on 127.0.0.1 · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · Node ${process.version} · load ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  )
  const parties = await startPartyProcesses({ profileDir: options.profile })
  const rows: Row[] = []
  try {
    out(header)
    for (const benchCase of selected)
      for (const size of sizes) {
        const skipped = benchCase.skip?.find((skip) => skip.rows === size)
        if (skipped) {
          out(
            `${benchCase.name.padEnd(18)}${size.toLocaleString('en').padStart(11)}  skipped: ${skipped.reason}`,
          )
          continue
        }
        const row = await measure(parties, benchCase, size)
        rows.push(row)
        out(formatRow(row))
      }
  } finally {
    await stopPartyProcesses(parties)
  }
  out(
    `load after: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  )
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
