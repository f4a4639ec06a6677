import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse as parseInBrowser } from 'csv-parse/browser/esm/sync'
import { parse } from 'csv-parse/sync'
import { csvParseOptions } from './index.ts'

const here = dirname(fileURLToPath(import.meta.url))

/**
 * Every module reachable through runtime imports (type-only imports vanish when TypeScript is
 * compiled away) from `entry`, with the bare package specifiers they import.
 */
function runtimeImports(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = []
  const packages = new Set<string>()
  const pending = [entry]
  const seen = new Set<string>()
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    files.push(file)
    const source = readFileSync(file, 'utf8')
    const statements = source.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gms,
    )
    for (const [, typeOnly, specifier] of statements) {
      if (typeOnly || specifier === undefined) continue
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
      else packages.add(specifier)
    }
    assert.doesNotMatch(source, /\bimport\(/, `${file} has a dynamic import`)
  }
  return { files, packages }
}

describe('the table reader runs in a browser', () => {
  for (const entry of ['index.ts', '../protocol/schema/index.ts']) {
    it(`${entry} reaches no node:* module, no Buffer and no process`, () => {
      const { files, packages } = runtimeImports(resolve(here, entry))
      assert.ok(files.length > 3, 'the walk found the modules')
      const builtins = new Set(builtinModules)
      for (const name of packages) {
        assert.ok(!name.startsWith('node:') && !builtins.has(name), `imports ${name}`)
      }
      for (const file of files) {
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        assert.doesNotMatch(code, /\bBuffer\b|\bprocess\./, `${file} uses a Node global`)
      }
      assert.ok(!files.some((file) => file.endsWith('readTableFile.ts')))
    })
  }

  it('uses csv-parse/sync, whose browser build (bundlers alias it) parses the same', () => {
    const { packages } = runtimeImports(resolve(here, 'index.ts'))
    assert.ok(packages.has('csv-parse/sync'))
    const text = '\ufeffa,b\r\n"x\ny",2\n\n3,"q""uote"\r4\n'
    const options = csvParseOptions(',', 100)
    type Parsed = { record: string[]; info: { lines: number; empty_lines: number } }[]
    const summary = (records: Parsed) =>
      records.map(({ record, info }) => [record, info.lines, info.empty_lines])
    const inNode = summary(parse(text, options) as unknown as Parsed)
    assert.deepEqual(summary(parseInBrowser(text, options) as unknown as Parsed), inNode)
    assert.deepEqual(inNode, [
      [['a', 'b'], 1, 0],
      [['x\ny', '2'], 3, 0],
      [['3', 'q"uote'], 5, 1],
      [['4'], 6, 1],
    ])
  })
})
