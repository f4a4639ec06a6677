import { type Hex, hexToString, isHex, toHex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'
import { type AlgorithmManifest, canonicalJson } from './manifest.ts'

/** An algorithm's public parameters, by name: `{ column: 'income' }` for `sum`. */
export type AlgorithmParams = Readonly<Record<string, string>>

/**
 * The bytes a job carries on chain for its parameters: the UTF-8 canonical JSON of the
 * parameters (`0x` for an algorithm without any). Checks them against the manifest first.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID naming a missing, unknown or non-string
 * parameter.
 * @example
 * encodeAlgorithmParams(sumManifest, { column: 'income' }) // toHex('{"column":"income"}')
 */
export function encodeAlgorithmParams(manifest: AlgorithmManifest, params: unknown): Hex {
  const checked = checkShape(manifest, params)
  return manifest.params.length === 0 ? '0x' : toHex(canonicalJson(checked))
}

/**
 * Reads a job's parameter bytes back (the node's side of `encodeAlgorithmParams`).
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID when they are not the manifest's
 * parameters as canonical JSON.
 * @example
 * const params = decodeAlgorithmParams(sumManifest, event.params) // { column: 'income' }
 */
export function decodeAlgorithmParams(manifest: AlgorithmManifest, encoded: Hex): AlgorithmParams {
  if (manifest.params.length === 0) {
    if (encoded !== '0x')
      throw invalid(manifest, 'takes no parameters', `got ${encoded.slice(0, 66)}`)
    return {}
  }
  let value: unknown
  try {
    if (!isHex(encoded)) throw new Error('not hex')
    value = JSON.parse(hexToString(encoded))
  } catch {
    throw invalid(manifest, 'parameters are not JSON', `got ${encoded.slice(0, 66)}`)
  }
  const params = checkShape(manifest, value)
  if (toHex(canonicalJson(params)) !== encoded.toLowerCase()) {
    throw invalid(manifest, 'parameters are not in canonical form', `got ${encoded.slice(0, 66)}`)
  }
  return params
}

/**
 * Checks parameters against the pool's schema: every column parameter names a column of the
 * pool, of a type the algorithm accepts.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_INPUT_INVALID naming the parameter and the columns
 * that would do.
 * @example
 * checkAlgorithmParams(sumManifest, { column: 'region' }, schema) // throws: categorical
 */
export function checkAlgorithmParams(
  manifest: AlgorithmManifest,
  params: AlgorithmParams,
  schema: PoolSchema,
): void {
  for (const spec of manifest.params) {
    const name = params[spec.name]!
    const column = schema.columns.find((candidate) => candidate.name === name)
    const fitting = schema.columns
      .filter((candidate) => spec.columnTypes.includes(candidate.type))
      .map((candidate) => candidate.name)
    const fits = `the pool's ${spec.columnTypes.join(', ')} columns: ${fitting.join(', ') || 'none'}`
    if (column === undefined) {
      throw invalid(
        manifest,
        `the pool has no column "${name}"`,
        `${spec.name} must name one of ${fits}`,
      )
    }
    if (!spec.columnTypes.includes(column.type)) {
      throw invalid(
        manifest,
        `column "${name}" is ${column.type}, which ${manifest.name} does not take`,
        `${spec.name} must name one of ${fits}`,
      )
    }
  }
}

function checkShape(manifest: AlgorithmManifest, value: unknown): AlgorithmParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(manifest, 'parameters must be an object', `got ${typeof value}`)
  }
  const record = value as Record<string, unknown>
  const declared = new Set(manifest.params.map((spec) => spec.name))
  const unknown = Object.keys(record).filter((key) => !declared.has(key))
  if (unknown.length > 0) {
    throw invalid(manifest, `has no parameter ${unknown.map((key) => `"${key}"`).join(', ')}`)
  }
  const out: Record<string, string> = {}
  for (const spec of manifest.params) {
    const given = record[spec.name]
    if (typeof given !== 'string' || given.length === 0) {
      throw invalid(
        manifest,
        `needs the parameter "${spec.name}"`,
        `${spec.name}: ${spec.description}`,
      )
    }
    out[spec.name] = given
  }
  return out
}

function invalid(manifest: AlgorithmManifest, problem: string, details?: string): TriadError {
  return new TriadError('TRIAD_ERR_ALGORITHM_INPUT_INVALID', `${manifest.name}: ${problem}`, {
    details,
    hint: `${manifest.name} takes ${manifest.params.length === 0 ? 'no parameters' : manifest.params.map((spec) => `"${spec.name}" (${spec.type}: ${spec.columnTypes.join(' | ')})`).join(', ')}.`,
  })
}
