import type { z } from 'zod'
import type { ColumnType, PoolSchema, PrivacyPolicy } from '../../protocol/schema/index.ts'
import type { EncodedCondition } from '../params/where.ts'

/** A value of a decoded result: plain JSON. */
export type ResultValue =
  | number
  | string
  | boolean
  | null
  | readonly ResultValue[]
  | { readonly [key: string]: ResultValue }

/** An algorithm's result as the buyer reads it: a JSON object (`docs/algorithms.md` shows each). */
export type AlgorithmResult = { readonly [key: string]: ResultValue }

/** A parameter that names one column (a string) or several (an array of strings). */
export interface ColumnRule {
  /** The parameter's name. */
  readonly param: string
  /** The column types it accepts. */
  readonly types: readonly ColumnType[]
  readonly description: string
}

/**
 * Everything public about a job, from which the layout of the result and its decoding follow:
 * the checked parameters, the pool's schema and privacy policy, and the number of rows of the
 * job's snapshot (on chain).
 */
export interface PublicContext<P> {
  readonly params: P
  readonly schema: PoolSchema
  readonly policy: PrivacyPolicy
  readonly rows: number
  /** The filter with its constants encoded, when the job has one. */
  readonly where: EncodedCondition | undefined
  /** The group labels, in order, when the job groups rows (`groupBy`). */
  readonly groups: readonly string[] | undefined
}

/** One block of a revealed result: whether it passed the guard, and its values (zeros if not). */
export interface ReleasedBlock {
  readonly ok: boolean
  readonly values: readonly bigint[]
}

/**
 * The public half of an algorithm: its manifest (name, version, what it takes, returns and
 * leaks), how its parameters are checked, the layout of what it reveals and how the buyer
 * decodes that into a result. Browser-safe: the secure half (`run`) lives in the library,
 * beside it, and the plaintext twin in the same folder.
 */
export interface AlgorithmDefinition<P = unknown> {
  readonly name: string
  /** Semantic version of the algorithm's behaviour and result. */
  readonly version: string
  /** A title for people: `Arithmetic mean`. */
  readonly title: string
  /** One sentence on what it computes. */
  readonly summary: string
  /** The typed public parameters (zod); their JSON schema is part of the manifest. */
  readonly params: z.ZodType<P>
  /** Parameters that name columns, with the column types each accepts. */
  readonly columns: readonly ColumnRule[]
  /** Whether it takes `where` and `groupBy`. */
  readonly filters: { readonly where: boolean; readonly groupBy: boolean }
  /** The fields of the result. */
  readonly output: string
  /** What the result reveals beyond itself (SecreC's `@leakage`). */
  readonly leakage: string
  /** How it adds noise with differential privacy, or null when it cannot (a DP pool refuses it). */
  readonly differentialPrivacy: string | null
  /** Its cost in rounds and bytes, for `docs/algorithms.md`. */
  readonly cost: string
  /** Checks beyond the zod schema and the column rules; throws ParamProblem. */
  check?(params: P, schema: PoolSchema): void
  /** How many blocks it reveals and how many values each has (before the guard bit). */
  layout(context: PublicContext<P>): { readonly blocks: number; readonly valuesPerBlock: number }
  /** The buyer's side: the revealed blocks as a result. */
  decode(blocks: readonly ReleasedBlock[], context: PublicContext<P>): AlgorithmResult
}

/** Every definition in the catalog has its own parameter type; the catalog holds them as this. */
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of definitions
export type AnyAlgorithmDefinition = AlgorithmDefinition<any>
