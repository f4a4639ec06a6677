/**
 * Writes docs/errors.md from the error registry in src/errors/codes.ts, so the documented codes
 * cannot drift from the code. `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { triadErrorCodes } from '../src/errors/codes.ts'

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url))

const lines = [
  '# Error codes',
  '',
  'Every error Triad raises on purpose is a `TriadError` with a stable code from this registry, a',
  'short message, details (the value, file, row or limit at fault) and a hint that says how to fix',
  'it. A code keeps its meaning once published and is never reused. The node and bridge APIs answer',
  'with `{ "error": { "code", "message", "details", "hint" } }`.',
  '',
  'This file is generated from `src/errors/codes.ts` by `npm run docs:errors`.',
  '',
  '| code | meaning |',
  '|---|---|',
  ...Object.entries(triadErrorCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
  '',
]
const text = lines.join('\n')

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {}
  if (current !== text) {
    console.error('docs/errors.md is stale: run `npm run docs:errors` and commit it.')
    process.exit(1)
  }
} else {
  writeFileSync(target, text)
}
