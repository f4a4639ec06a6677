import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const packageImports = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
    imports: Record<string, Record<string, string>>
  }
).imports

/**
 * Every module a bundler targeting browsers reaches through runtime imports from `entry`
 * (type-only imports vanish), with `#` imports resolved by package.json's `browser` condition,
 * and for each the chain of imports that led to it. Walks past `stopAt` files without entering.
 */
function browserGraph(entry: string, stopAt: ReadonlySet<string> = new Set()) {
  const via = new Map<string, string[]>([[entry, [entry]]])
  const packages = new Map<string, string[]>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (stopAt.has(file)) continue
    const source = readFileSync(file, 'utf8')
    const statements = source.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gms,
    )
    for (const [, typeOnly, specifier] of statements) {
      if (typeOnly || specifier === undefined) continue
      let target: string | undefined
      if (specifier.startsWith('.')) target = resolve(dirname(file), specifier)
      else if (specifier.startsWith('#')) {
        const conditions = packageImports[specifier]
        assert.ok(conditions?.browser, `${specifier} has a browser condition in package.json`)
        target = resolve(root, conditions.browser)
      } else packages.set(specifier, [...via.get(file)!, specifier])
      if (target && !via.has(target)) {
        via.set(target, [...via.get(file)!, target])
        pending.push(target)
      }
    }
    assert.doesNotMatch(source, /\bimport\(/, `${file} has a dynamic import`)
  }
  return { files: [...via.keys()].filter((file) => !stopAt.has(file)), packages, via }
}

function nodeOnlyUses(graph: ReturnType<typeof browserGraph>): string[] {
  const builtins = new Set(builtinModules)
  const found: string[] = []
  for (const [name, chain] of graph.packages) {
    if (name.startsWith('node:') || builtins.has(name)) found.push(chain.join(' -> '))
  }
  for (const file of graph.files) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    if (/\bBuffer\b|\bprocess\./.test(code)) found.push(`${file} uses Buffer or process`)
  }
  return found
}

describe('the SDK runs in a browser', () => {
  it('index.ts reaches no node:* module, no Buffer and no process, the algorithm catalog included', () => {
    const graph = browserGraph(resolve(here, 'index.ts'))
    assert.ok(graph.files.length > 30, `the walk found the modules (${graph.files.length})`)
    assert.deepEqual(nodeOnlyUses(graph), [])
    assert.ok(graph.files.some((file) => file.endsWith('browserNodeTransport.ts')))
    assert.ok(!graph.files.some((file) => file.endsWith('pinnedNodeTransport.ts')))
    assert.ok(!graph.files.some((file) => file.endsWith('readTableFile.ts')))
    assert.ok(graph.files.some((file) => file.endsWith('algorithms/catalog.ts')))
    assert.ok(
      !graph.files.some((file) => file.endsWith('algorithms/index.ts')),
      "the SDK reaches the catalog, not the library's secure halves",
    )
  })

  for (const operation of [
    'contributeRows.ts',
    'listContributions.ts',
    'readEarnings.ts',
    'withdrawEarnings.ts',
    'waitForResult.ts',
    'openResult.ts',
    'nodeApiClient.ts',
    'quoteComputation.ts',
    'readJobResult.ts',
    'decodeComputationResult.ts',
  ]) {
    it(`${operation} reaches nothing Node-only at all`, () => {
      assert.deepEqual(nodeOnlyUses(browserGraph(resolve(here, operation))), [])
    })
  }

  it('the walk does see Node-only imports where they are (the check can fail)', () => {
    const graph = browserGraph(resolve(here, 'node.ts'))
    assert.ok(nodeOnlyUses(graph).some((use) => use.includes('node:fs')))
  })
})
