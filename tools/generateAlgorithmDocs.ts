/**
 * Writes docs/algorithms.md: every algorithm of the library with an example request and the
 * result it really returns. The examples run through the MPC engine (three parties over memory
 * networks, the same code the nodes run) on a fixed synthetic survey of 240 rows, and are checked
 * against the plaintext twins before they are written. `npm run docs:algorithms`.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { algorithmCatalog } from '../src/algorithms/catalog.ts'
import type { AlgorithmResult } from '../src/algorithms/definition/AlgorithmDefinition.ts'
import { findAlgorithm } from '../src/algorithms/library.ts'
import { assertResultsClose } from '../src/algorithms/testing/assertResultsClose.ts'
import { runOnShares } from '../src/algorithms/testing/runOnShares.ts'
import { twinResult } from '../src/algorithms/testing/twins.ts'
import { createMemoryNetworks } from '../src/mpc/index.ts'
import { type PoolSchemaInput, parsePoolSchema } from '../src/protocol/schema/index.ts'
import { tableFromRows } from '../src/table/index.ts'

const target = fileURLToPath(new URL('../docs/algorithms.md', import.meta.url))

/** The example pool: the survey of examples/, with a guard of 3 rows. */
const schemaInput: PoolSchemaInput = {
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 18, max: 100, description: 'age in years' },
    { name: 'income', type: 'fixed', min: '0', max: '1000000', nullable: true },
    { name: 'smoker', type: 'boolean', nullable: true },
    { name: 'region', type: 'categorical', values: ['north', 'south', 'east', 'west'] },
    { name: 'visits', type: 'integer', min: 0, max: 365 },
  ],
  privacy: { minRows: 3 },
}
const schema = parsePoolSchema(schemaInput)

/** A fixed pseudo-random survey (mulberry32), so the examples are the same on every run. */
function exampleRows(count: number): Record<string, unknown>[] {
  let state = 0x7219
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const regions = ['north', 'south', 'east', 'west']
  return Array.from({ length: count }, () => {
    const age = 18 + Math.floor(next() * 70)
    const region = regions[Math.floor(next() * (next() < 0.1 ? 1 : 4))]!
    const smoker = next() < 0.08 ? null : next() < 0.3
    const income = next() < 0.1 ? null : (12_000 + age * 900 + next() * 30_000).toFixed(2)
    const visits = Math.floor(next() * 6 + (age - 18) / 10 + (smoker ? 3 : 0))
    return { age, income, smoker, region, visits }
  })
}

const examples: Record<string, Record<string, unknown>> = {
  count: { where: { column: 'age', op: '>=', value: 84 }, groupBy: 'region' },
  sum: { column: 'income', where: { column: 'region', op: 'in', value: ['north', 'east'] } },
  mean: { column: 'visits', groupBy: 'smoker' },
  variance: { column: 'income' },
  stddev: { column: 'age', groupBy: 'region' },
  min: { column: 'income' },
  max: { column: 'visits', where: { column: 'smoker', op: '=', value: false } },
  median: { column: 'income', groupBy: 'region' },
  quantiles: { column: 'age', probabilities: [0.1, 0.5, 0.9] },
  fiveNumber: { column: 'visits' },
  histogram: { column: 'age', edges: [18, 30, 45, 60, 75, 88] },
  frequency: { column: 'region', where: { column: 'age', op: '<', value: 30 } },
  covariance: { x: 'age', y: 'visits' },
  correlation: { x: 'age', y: 'income' },
  linearRegression: { target: 'income', features: ['age'] },
  tTest: { column: 'visits', by: 'smoker', groups: ['true', 'false'] },
  chiSquare: { rows: 'region', columns: 'smoker' },
  mannWhitney: { column: 'income', by: 'region', groups: ['north', 'south'] },
}

/** The multiple regression shown after the simple one. */
const multipleRegression = { target: 'visits', features: ['age', 'income', 'smoker'] }

function rounded(value: unknown): unknown {
  if (typeof value === 'number')
    return Number.isInteger(value) ? value : Number(value.toPrecision(8))
  if (Array.isArray(value)) return value.map(rounded)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]))
  return value
}

const json = (value: unknown) => JSON.stringify(rounded(value), null, 2)

async function main(): Promise<void> {
  const rows = exampleRows(240)
  const table = tableFromRows(schema, rows)
  const networks = createMemoryNetworks()
  const results: Record<string, AlgorithmResult> = {}
  const run = async (name: string, params: Record<string, unknown>) => {
    const { result } = await runOnShares(networks, findAlgorithm(name), table, params, {
      sellers: 3,
    })
    assertResultsClose(result, twinResult(name, table, params), () => ({
      absolute: 1e-9,
      relative: 1e-6,
    }))
    return result
  }
  try {
    for (const [name, params] of Object.entries(examples)) results[name] = await run(name, params)
    results.multipleRegression = await run('linearRegression', multipleRegression)
  } finally {
    await Promise.all(networks.map((network) => network.close()))
  }

  const sections = [...algorithmCatalog.values()].map((entry) => {
    const { manifest } = entry
    const params = examples[manifest.name]!
    const lines = [
      `### ${manifest.title} (\`${manifest.name}\`)`,
      '',
      manifest.summary,
      '',
      `- Columns: ${manifest.columns.map((rule) => `\`${rule.param}\` (${rule.types.join(', ')}): ${rule.description}`).join('; ')}.`,
      `- Filters: ${manifest.filters.where ? '`where`' : 'no `where`'}, ${manifest.filters.groupBy ? '`groupBy`' : 'no `groupBy`'}.`,
      `- Result: ${manifest.output}.`,
      `- Leakage: ${manifest.leakage}`,
      `- Differential privacy: ${manifest.differentialPrivacy ?? 'not available; a pool with differential privacy refuses it.'}`,
      `- Cost: ${manifest.cost}.`,
      `- Id: \`${entry.id}\` (version ${manifest.version}).`,
      '',
      'Request parameters:',
      '',
      '```json',
      json(params),
      '```',
      '',
      'Result:',
      '',
      '```json',
      json(results[manifest.name]),
      '```',
      '',
    ]
    if (manifest.name === 'linearRegression')
      lines.push(
        'A multiple regression with three features:',
        '',
        '```json',
        json(multipleRegression),
        '```',
        '',
        '```json',
        json(results.multipleRegression),
        '```',
        '',
      )
    return lines.join('\n')
  })

  writeFileSync(target, [preamble(rows.length), ...sections, postscript].join('\n'))
}

function preamble(rows: number): string {
  return `# The algorithm library

Generated by \`npm run docs:algorithms\` (tools/generateAlgorithmDocs.ts): every example below
ran through the MPC engine (three parties, the code the nodes run) and was checked against the
algorithm's plaintext twin before it was written here. Each algorithm's cost below is in rounds
and bytes; measured times at 10k, 100k and 1M rows (\`npm run bench:algorithms\`) are in
[docs/performance.md](performance.md#algorithms-npm-run-benchalgorithms).

## How an algorithm is built

An algorithm (\`src/algorithms/library/<name>/\`) has three parts:

- **A definition** (\`<name>.ts\`, browser-safe): the manifest (name, version, title, the columns
  and column types it takes, its zod parameters, whether it takes \`where\` and \`groupBy\`, its
  result, its leakage, its differential-privacy mechanism, its cost), the layout of what it
  reveals, and the buyer's decoder.
- **A secure half** (\`run<Name>.ts\`): what each node runs on its shares, ending in a *release*:
  blocks (one per group, bin or cell) of secret values, each with the secret number of rows behind
  it. One shared step (\`secure/releaseToBuyer.ts\`) then adds noise when the pool asks for it,
  applies the minimum-rows guard and re-randomises the result for the buyer.
- **A plaintext twin** (\`<name>Twin.ts\`): the same statistic by the textbook method in the
  clear. Tests run every algorithm through the engine and compare with the twin.

**Ids.** \`npm run algorithms:ids\` hashes each algorithm's files (its folder and every file of
\`src/algorithms\` they import) into \`src/algorithms/generated/algorithmSources.ts\`; the id is
keccak256 of the canonical JSON of the manifest and that hash. Node and browser clients read the
ids from the generated file; \`npm test\` fails when it is stale; a node re-hashes the files at
start and refuses a job whose id names other code (\`TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH\`).

**Parameters** travel on chain as the canonical JSON of the request (sorted keys, no spaces). The
buyer's client checks them against the zod schema and the pool's schema before paying; every
node checks them again. Column parameters name columns of the accepted types.

**Results.** \`openResult\` gives the revealed ring elements; \`decodeResult(entry, { params,
schema, rows, values })\` (browser-safe) turns them into the JSON objects shown below. A block
that failed the guard decodes to \`{ "suppressed": true }\` (counts of tables: \`null\`).

## Filters and groups

Every aggregate that makes sense with them takes:

- \`where\`: a comparison \`{ "column", "op", "value" }\` with \`op\` one of \`=\`, \`!=\`, \`<\`, \`<=\`,
  \`>\`, \`>=\`, or \`{ "column", "op": "in", "value": [...] }\` for categorical and boolean columns;
  combined with \`{ "and": [...] }\` and \`{ "or": [...] }\` (at most 16 comparisons, 4 levels). A
  row with a missing value in a compared column fails that comparison. Integer columns compare
  exactly as real numbers (\`age < 30.5\` is \`age <= 30\`); fixed-point constants are rounded to
  the column's grid as the sellers' values were, so \`income <= 0.1\` holds for a value written
  0.1.
- \`groupBy\`: a categorical or boolean column; the result has one entry per category, each
  guarded on its own. Every aggregate takes it except those whose groups are their subject:
  \`frequency\` per group is the contingency table of \`chiSquare\`, which crosses its two
  columns; \`tTest\` and \`mannWhitney\` compare the two groups their \`by\` names. Restrict
  any of them to one stratum with \`where\`.

Both are computed obliviously: comparisons with public constants run on a bit width taken from
the column's bounds (an age in [18, 100] compares on 8 bits, not 64), all comparisons of a filter
in one batch; \`and\`/\`or\` are AND gates on packed bits; groups are narrow zero tests of the
category against each value. The result is a secret mask per group, combined with the
availability masks of the columns read. Rows are never dropped: the work and the messages are the
same whatever the data.

## Privacy guards

**Minimum rows.** \`privacy.minRows\` in the pool's schema (default 1). Inside the MPC, each block's
row count is compared with minRows; the guard bit multiplies every value of the block, so a
suppressed block reveals only zeros and a 0 guard bit — not its count. Counts of a table (count,
frequency, histogram, χ² cells) reveal empty cells as 0 and suppress counts in [1, minRows).

**Differential privacy.** \`privacy.differentialPrivacy: { "epsilonPerJob": "0.5", "budget": "5" }\`.
Each node draws discrete Laplace noise (exact sampler, integer arithmetic only: Canonne, Kamath and
Steinke 2020) at the full scale m·Δ/ε for each of the m noisy numbers of a block (Δ its bound from
the schema) and inputs it; the three draws are added before the guard (which compares the noisy
count) and the reveal. One honest node's draw alone gives ε-DP, so the guarantee holds even if two
nodes collude; a node seeds its draws from its key and the job id, so a retried job adds the same
noise. Order statistics and Mann–Whitney have no noisy version; a DP pool refuses them.

<a id="privacy-budget"></a>**The budget.** Every job of a DP pool spends epsilonPerJob, so the
budget is a number of jobs: ⌊budget / epsilonPerJob⌋. The nodes enforce it: a node refuses a job of
a DP pool whose sequence number in its pool is at or beyond that number
(\`TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED\`), before any computation. Why the nodes and not the contract:
the privacy policy is part of the pool's schema, which the chain stores only as a hash, and the
nodes are the ones who would release the noisy results — an honest majority of them refusing is
what protects the data, whatever a relayer or the contract does. The rule uses only the job's
sequence in its pool, which is on chain, so every honest node reaches the same answer without
coordination, and the spending is public: epsilonPerJob × the pool's job count. Jobs refunded
after a refusal still count, which errs on the side of privacy.

## Precision

Everything the engine computes is exact integer arithmetic in Z_2^64, except one documented step:
columns whose squares would overflow (wide fixed-point columns on many rows) are divided by 2^s
before products, exactly (rounding down, \`truncateExact\`), with s the smallest shift that keeps
n·bound² ≤ 2^62. Tolerances stated in the tests: sums, counts, means, order statistics, histogram
and table counts are exact (equal to the twin to float64 round-off); variances, covariances,
correlations and regressions are exact when no column needs a shift (integer columns, narrow
fixed-point ones) and within 1e-5 relative of the twin otherwise (each scaled value moves by less
than 2^s/2^f; a correlation near 0, where relative error means nothing, within 1e-7). Quantile
probabilities are rounded to multiples of 2^−16.

## The protocols the library adds to the engine

| protocol | what | cost per element and party |
|---|---|---|
| \`truncateExact\` | ⌊x / 2^s⌋ for x in [−2^ℓ, 2^ℓ), never off (probabilistic truncation fails with probability |x|/2^64 per element, too often on a million rows) | ≈ 47 bytes (ℓ = 41, s = 15), 3 + ⌈log2(ℓ+1)⌉ rounds |
| \`countBits\` | population count of secret bit vectors by carry-save adders | ≈ 1 bit per bit, ≈ log1.5(n/192) rounds |
| \`leastSignificantBit\` | x mod 2 as a secret bit (0/1 masks to boolean) | a third of a bit, 1 round |
| \`isZero\` with \`width\` | zero test of the low w bits | w/3 + w bits |
| \`selectInBlocks\` | quickselect in independent shuffled blocks, narrow keys with the hidden index below the key | shuffle, then ≈ 2n–3.4n comparisons per block |

${rows} rows, three sellers' contributions, pool schema:

\`\`\`json
${JSON.stringify(schemaInput, null, 2)}
\`\`\`

## The algorithms
`
}

const postscript = `## Not (yet) in the library

- Results computed to the last digit inside the MPC: the library releases sufficient statistics
  (sums, sums of squares and products, counts) and the buyer's client finishes the statistic
  (divisions, square roots, the regression solve, p-values), which is exact and lets
  differential privacy perturb sufficient statistics; the leakage column says what the released
  sums give away beyond the statistic (for a correlation, the two means and variances; for a
  regression, the Gram matrix). A secure division and square root would let these return only
  the statistic; that is the next step for the library.
- Tie correction of the Mann–Whitney variance, outlier filters, weighted statistics.
`

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
