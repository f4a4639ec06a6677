import type { Session } from '../../src/mpc/index.ts'

/** One call of the operation under test, on inputs prepared beforehand. */
export type BenchCall = () => Promise<unknown>

/**
 * One operation in `npm run bench:mpc`. Each file in `cases/` exports one, and `cases/index.ts`
 * lists them in the order they run. A case prepares its inputs inside the session without
 * communication (random shares from the session PRFs), then the harness calls it repeatedly on all
 * three parties at once and measures time, bytes sent and steps.
 *
 * @example
 * export const multiplyCase: BenchCase = {
 *   name: 'multiply',
 *   description: '64-bit products, element-wise',
 *   batches: [100_000],
 *   prepare(session, batch) {
 *     const [x, y] = [randomShares(session, batch), randomShares(session, batch)]
 *     return () => multiply(session, x, y)
 *   },
 * }
 */
export interface BenchCase {
  /** Short and unique: the row label and the `--only` filter. */
  readonly name: string
  /** What one operation is, in a few words. */
  readonly description: string
  /** The batch sizes (elements per call) to measure, each on its own row. */
  readonly batches: readonly number[]
  /** Operations per call (default: the batch size). A dot product of length n is one operation. */
  readonly operationsPerCall?: (batch: number) => number
  /** The target from issue 4, shown beside the result. */
  readonly target?: BenchTarget
  /** Builds the inputs for `batch` (the same calls on every party) and returns the call to time. */
  prepare(session: Session, batch: number): BenchCall | Promise<BenchCall>
}

/** A goal for a case: operations per second at least, or milliseconds per call at most. */
export type BenchTarget =
  | { readonly kind: 'opsPerSecond'; readonly atLeast: number; readonly stretch?: number }
  | { readonly kind: 'msPerCall'; readonly atMost: number; readonly stretch?: number }
