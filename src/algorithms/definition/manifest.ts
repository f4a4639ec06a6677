import { type Hex, keccak256, toHex } from 'viem'
import { z } from 'zod'
import type { AnyAlgorithmDefinition, ColumnRule } from './AlgorithmDefinition.ts'
import { canonicalJson } from './canonicalJson.ts'

/**
 * What an algorithm accepts, returns and leaks, as JSON: public, hashed into its id, referred to
 * on chain, and the source of `docs/leakage.md` and `docs/algorithms.md`.
 */
export interface AlgorithmManifest {
  readonly name: string
  readonly version: string
  readonly title: string
  readonly summary: string
  /** The JSON Schema (2020-12) of its parameters, from their zod schema. */
  readonly params: unknown
  readonly columns: readonly ColumnRule[]
  readonly filters: { readonly where: boolean; readonly groupBy: boolean }
  readonly output: string
  readonly leakage: string
  readonly differentialPrivacy: string | null
  readonly cost: string
}

/**
 * The manifest of a definition.
 *
 * @example
 * manifestOf(meanDefinition).leakage // 'the number of rows behind the mean …'
 */
export function manifestOf(definition: AnyAlgorithmDefinition): AlgorithmManifest {
  return {
    name: definition.name,
    version: definition.version,
    title: definition.title,
    summary: definition.summary,
    params: z.toJSONSchema(definition.params, { io: 'input' }),
    columns: definition.columns,
    filters: definition.filters,
    output: definition.output,
    leakage: definition.leakage,
    differentialPrivacy: definition.differentialPrivacy,
    cost: definition.cost,
  }
}

/**
 * The id the chain refers to: keccak256 of the canonical JSON of `{ manifest, source }`, where
 * `source` is the hash of the algorithm's canonical source files (`hashSources`). Changing the
 * code or the manifest changes the id, so a pool that allows an id allows exactly that code.
 *
 * @example
 * algorithmId(manifestOf(meanDefinition), sourceHash) // '0x…'
 */
export function algorithmId(manifest: AlgorithmManifest, sourceHash: Hex): Hex {
  return keccak256(toHex(canonicalJson({ manifest, source: sourceHash })))
}

/**
 * The hash of one source file: keccak256 of its text with line endings normalised to `\n`.
 *
 * @example
 * hashFile('export const x = 1\r\n') === hashFile('export const x = 1\n') // true
 */
export function hashFile(text: string): Hex {
  return keccak256(toHex(text.replace(/\r\n?/g, '\n')))
}

/**
 * The hash of an algorithm's source: keccak256 of the canonical JSON of its files as
 * `[path, hashFile(text)]` pairs sorted by path.
 *
 * @example
 * hashSources([{ path: 'src/algorithms/library/mean/mean.ts', hash: hashFile(text) }])
 */
export function hashSources(files: readonly { path: string; hash: Hex }[]): Hex {
  const canonical = [...files]
    .map(({ path, hash }) => [path, hash] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return keccak256(toHex(canonicalJson(canonical)))
}
