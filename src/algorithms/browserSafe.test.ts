import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

/** Every module reachable from `entry` through runtime imports (type-only ones vanish). */
function runtimeImports(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = []
  const packages = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (files.includes(file)) continue
    files.push(file)
    const source = readFileSync(file, 'utf8')
    for (const [, typeOnly, specifier] of source.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gms,
    )) {
      if (typeOnly || specifier === undefined) continue
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier))
      else packages.add(specifier)
    }
  }
  return { files, packages }
}

/**
 * What a buyer's client needs of the library — the catalog (manifests, ids, parameter checks) and
 * the decoder of results — runs in a browser: the manifests drive the web client as they drive
 * the node, without the secure halves, the noise sampler or the source hashing.
 */
describe('the catalog and the result decoder run in a browser', () => {
  for (const entry of ['catalog.ts', 'decodeResult.ts', 'definition/readParams.ts'])
    it(`${entry} reaches no node:* module, no Node global and no secure half`, () => {
      const { files, packages } = runtimeImports(resolve(here, entry))
      assert.ok(files.length > 3 || entry !== 'catalog.ts', 'the walk found the modules')
      const builtins = new Set(builtinModules)
      for (const name of packages)
        assert.ok(!name.startsWith('node:') && !builtins.has(name), `imports ${name}`)
      for (const file of files) {
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        assert.doesNotMatch(code, /\bBuffer\b|\bprocess\./, `${file} uses a Node global`)
        assert.doesNotMatch(file, /\/run[A-Z]\w*\.ts$|\/secure\/|\/privacy\/|readSources/, file)
      }
    })

  it('the catalog reaches every algorithm’s definition', () => {
    const { files } = runtimeImports(resolve(here, 'catalog.ts'))
    const definitions = files.filter((file) => /\/library\/\w+\/\w+\.ts$/.test(file))
    assert.ok(definitions.length >= 18, `${definitions.length} definitions`)
  })
})
