import { type Hex, keccak256, toHex } from 'viem'
import type { Session } from '../mpc/index.ts'
import type { ReplicatedShare } from '../mpc/sharing/index.ts'
import type { ColumnType } from '../protocol/schema/index.ts'
import type { TableShares } from '../table/index.ts'
import type { AlgorithmParams } from './params.ts'

/** The types an output can have. Integers are 64-bit, two's complement in the ring. */
export type ValueType = 'int64'

/** A public parameter naming a column of the pool, of one of the listed types. */
export interface ColumnParam {
  readonly name: string
  readonly type: 'column'
  readonly columnTypes: readonly ColumnType[]
  readonly description: string
}

/** A public parameter of an algorithm. */
export type ParamSpec = ColumnParam

/** What an algorithm accepts, returns and leaks: public, hashed into its id, referred to on chain. */
export interface AlgorithmManifest {
  readonly name: string
  /** Semantic version of the algorithm's behaviour. */
  readonly version: string
  /** Its public parameters; a buyer gives them with the job, the nodes check them. */
  readonly params: readonly ParamSpec[]
  readonly output: {
    readonly type: ValueType
    readonly shape: 'scalar' | 'vector'
    /** How to read the output: a column sum is in the column's encoding (fixed point scaled). */
    readonly description: string
  }
  /** What the result reveals, to the buyer, beyond itself (SecreC's `@leakage`). */
  readonly leakage: string
}

export interface AlgorithmRunParameters {
  readonly session: Session
  /** This party's shares of the pool's table (every vector of the schema's layout). */
  readonly table: TableShares
  /** The job's public parameters, decoded and checked against the manifest and the schema. */
  readonly params: AlgorithmParams
}

/** An algorithm of the library: its manifest, its id and how to run it at one party. */
export interface Algorithm {
  readonly id: Hex
  readonly manifest: AlgorithmManifest
  /** Where its code lives; part of the id. */
  readonly source: string
  /** Runs at one party; returns this party's share of the output, for the buyer. */
  run(parameters: AlgorithmRunParameters): Promise<ReplicatedShare>
}

/**
 * The id the chain refers to: keccak256 of the canonical JSON (keys sorted, no whitespace) of
 * `{ manifest, source }`. TODO: `source` is an identifier for now; it becomes a content hash over
 * the algorithm's source code, so that changing the code changes the id.
 *
 * @example
 * algorithmId(sumManifest, 'triad/src/algorithms/sum.ts') // '0x…'
 */
export function algorithmId(manifest: AlgorithmManifest, source: string): Hex {
  return keccak256(toHex(canonicalJson({ manifest, source })))
}

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean')
    return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no NaN or Infinity')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  throw new TypeError(`canonical JSON cannot encode a ${typeof value}`)
}
