/**
 * Writes docs/leakage.md from the algorithms' manifests: what each algorithm reveals, to whom,
 * and how it behaves under differential privacy. `--check` fails when the file is stale, so the
 * document cannot drift from the code the ids name.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { algorithmCatalog } from '../src/algorithms/catalog.ts'

const target = fileURLToPath(new URL('../docs/leakage.md', import.meta.url))

const entries = [...algorithmCatalog.values()]
const lines = [
  '# What each algorithm reveals',
  '',
  'Generated from the algorithms’ manifests by `npm run docs:leakage` (tools/generateLeakageDocs.ts);',
  '`npm test` fails when it is stale. The manifest, and so this text, is part of each algorithm’s id.',
  '',
  '## To whom',
  '',
  '- **The nodes learn nothing.** Every algorithm computes on secret shares; filters, groups and',
  '  missing values are secret masks, never dropped rows, so the work and the messages depend only',
  '  on public things: the number of rows n, the schema and the parameters. The only values opened',
  '  to the nodes are the comparison outcomes of sorting and selection, which compare rows of a',
  '  uniformly random arrangement under a strict order (a hidden row index breaks ties): their',
  '  distribution depends on n and the requested positions only (docs/protocols.md).',
  '- **The chain and the bridge** see the job’s parameters (public by design: the buyer pays for',
  '  that computation), the number of rows of the snapshot, and sealed result shares.',
  '- **The buyer** learns what the table below says, and nothing else: the result is re-randomised',
  '  before it is sealed to the buyer’s key.',
  '',
  '## The guards',
  '',
  '- **Minimum rows.** A pool’s schema sets `privacy.minRows` (default 1). Every released number',
  '  is guarded inside the MPC by the number of rows behind it: when it is below minRows, the',
  '  block (a group, a bin, a cell) reveals only a 0 guard bit and zeros, never the count.',
  '  Statistics (sums, means, quantiles, tests) need at least minRows rows, so an empty group is',
  '  "suppressed" too. Counts of a table (count, frequency, histogram, χ² cells) reveal an empty',
  '  cell as 0 and suppress counts in [1, minRows): a zero says that no row is there, which is the',
  '  usual convention of statistical disclosure control; use minRows to protect small non-empty',
  '  cells.',
  '- **Differential privacy.** A pool’s schema may set `privacy.differentialPrivacy`',
  '  (`epsilonPerJob`, `budget`). Every job then adds discrete Laplace noise inside the MPC before',
  '  the reveal, and the guard compares the noisy count (a threshold on a noisy count is itself',
  '  ε-DP post-processing). Each node draws its own noise at the full scale and inputs it, so the',
  '  buyer’s result holds three independent draws; a corrupt node knows its own draw only, the two',
  '  honest draws remain, and one alone suffices: the guarantee holds even if two nodes collude.',
  '  A node seeds its draws from its key and the job id, so a retried job adds the same noise and',
  '  reveals nothing new. Neighbouring tables differ by one row (added or removed); the',
  '  sensitivities below follow from the schema’s bounds. Algorithms without a noisy version',
  '  (order statistics, Mann–Whitney) are refused by a pool with differential privacy. The budget:',
  '  see docs/algorithms.md#privacy-budget.',
  '',
  '## Per algorithm',
  '',
  '| algorithm | reveals to the buyer | with differential privacy |',
  '|---|---|---|',
  ...entries.map(
    (entry) =>
      `| \`${entry.manifest.name}\` ${entry.manifest.version} | ${tableCell(entry.manifest.leakage)} | ${tableCell(entry.manifest.differentialPrivacy ?? 'not available: the pool refuses the job')} |`,
  ),
  '',
  '## Ids',
  '',
  'An id is keccak256 of the canonical JSON of `{ manifest, source }`, `source` the hash of the',
  'algorithm’s files (`src/algorithms/generated/algorithmSources.ts`). A pool allows ids; a node',
  're-hashes the files at start and refuses a job whose id names other code',
  '(`TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH`).',
  '',
  '| algorithm | id |',
  '|---|---|',
  ...entries.map((entry) => `| \`${entry.manifest.name}\` | \`${entry.id}\` |`),
  '',
]

function tableCell(text: string): string {
  return text.replaceAll('|', '\\|')
}

const text = lines.join('\n')
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {}
  if (current !== text) {
    console.error('docs/leakage.md is stale: run `npm run docs:leakage` and commit it.')
    process.exit(1)
  }
} else {
  writeFileSync(target, text)
}
