/**
 * `npm run bench:table`: how fast a seller's client turns a file into shares. For the example
 * survey schema (7 ring vectors per row: integer, nullable fixed point, nullable boolean,
 * categorical, integer), synthetic rows with about one value in ten missing are written as CSV and
 * as JSON, then timed: reading and validating (csv-parse + the cell rules), encoding to ring
 * vectors, and dealing replicated shares. Prints rows per second and MB per second per stage.
 *
 * Options: --rows 100000,1000000 (row counts, default both) · --repeat n (best of n, default 3).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { shareReplicated } from '../../src/mpc/sharing/index.ts'
import { parsePoolSchema } from '../../src/protocol/schema/index.ts'
import { encodeTable, readCsv, readJson, type Table } from '../../src/table/index.ts'

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000,1000000' },
    repeat: { type: 'string', default: '3' },
  },
})
const rowCounts = options.rows.split(',').map((text) => Number(text.trim()))
const repeat = Number(options.repeat)
if (rowCounts.some((count) => !Number.isSafeInteger(count) || count < 1) || !(repeat >= 1)) {
  process.stderr.write('usage: npm run bench:table -- [--rows 100000,1000000] [--repeat 3]\n')
  process.exit(2)
}

const schema = parsePoolSchema(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../examples/survey.schema.json', import.meta.url)),
      'utf8',
    ),
  ),
)
const regions = ['north', 'south', 'east', 'west']

/** Deterministic rows (a small LCG), so every run times the same data. */
function syntheticRows(count: number) {
  let state = 12345
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  return Array.from({ length: count }, () => ({
    age: 18 + Math.floor(next() * 83),
    income: next() < 0.1 ? null : (next() * 200_000).toFixed(2),
    smoker: next() < 0.1 ? null : next() < 0.3,
    region: regions[Math.floor(next() * 4)]!,
    visits: Math.floor(next() * 30),
  }))
}

function best(run: () => unknown): number {
  let fastest = Number.POSITIVE_INFINITY
  for (let i = 0; i < repeat; i++) {
    const started = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - started)
  }
  return fastest / 1000
}

const out = (line: string) => process.stdout.write(`${line}\n`)
out(
  `bench:table — survey schema, ${7} ring vectors per row, best of ${repeat}, Node ${process.version}`,
)
out('rows       stage                      seconds     rows/s      MB/s')
for (const count of rowCounts) {
  const rows = syntheticRows(count)
  const csv = `age,income,smoker,region,visits\n${rows
    .map((row) => `${row.age},${row.income ?? ''},${row.smoker ?? ''},${row.region},${row.visits}`)
    .join('\n')}\n`
  const json = JSON.stringify(rows)
  let table: Table | undefined
  let ring: BigUint64Array | undefined
  const stages: [string, number, number][] = [
    [
      'read + validate CSV',
      best(() => {
        table = readCsv(schema, csv, { maxRows: count })
      }),
      csv.length,
    ],
    ['read + validate JSON', best(() => readJson(schema, json, { maxRows: count })), json.length],
    [
      'encode (encodeTable)',
      best(() => {
        ring = encodeTable(table!)
      }),
      0,
    ],
    ['share (shareReplicated)', best(() => shareReplicated(ring!)), 0],
  ]
  for (const [stage, seconds, bytes] of stages) {
    out(
      `${String(count).padEnd(10)} ${stage.padEnd(26)} ${seconds.toFixed(3).padStart(7)} ${Math.round(
        count / seconds,
      )
        .toLocaleString('en')
        .padStart(12)} ${bytes ? (bytes / 1e6 / seconds).toFixed(1).padStart(9) : '        -'}`,
    )
  }
}
