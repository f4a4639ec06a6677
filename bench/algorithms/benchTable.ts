import { findAlgorithm } from '../../src/algorithms/library.ts'
import type { ReplicatedShare, Session } from '../../src/mpc/index.ts'
import { encodedRange, type PoolSchema, parsePoolSchema } from '../../src/protocol/schema/index.ts'
import { type TableShares, tableLayout } from '../../src/table/index.ts'

/** The bench pool: numeric columns of several widths, missing values, a boolean, a category. */
export const benchSchema: PoolSchema = parsePoolSchema({
  version: 2,
  columns: [
    { name: 'age', type: 'integer', min: 18, max: 100 },
    { name: 'visits', type: 'integer', min: 0, max: 365 },
    { name: 'steps', type: 'integer', min: 0, max: 50_000 },
    { name: 'weight', type: 'fixed', min: '30', max: '200' },
    { name: 'score', type: 'fixed', min: '-5', max: '5', fractionalBits: 12 },
    { name: 'income', type: 'fixed', min: '0', max: '1000000', nullable: true },
    { name: 'smoker', type: 'boolean', nullable: true },
    { name: 'region', type: 'categorical', values: ['north', 'south', 'east', 'west'] },
  ],
})

/**
 * This party's share of a table of `rows` pseudo-random rows (the same at every party: a fixed
 * xorshift stream), shared with no randomness (component x_0 holds the values). The cost of the
 * algorithms does not depend on how the shares look, and the parties need not talk to make them.
 * Drawn with 32-bit integer arithmetic (BigInt per draw took tens of seconds for a million rows on
 * a loaded machine, long enough for the peers to think a party had died) and kept for the next
 * case of the same size.
 */
export function benchTable(session: Session, rows: number): TableShares {
  const party = session.partyIndex
  if (cached?.rows !== rows || cached.party !== party)
    cached = { rows, party, table: makeBenchTable(party, rows) }
  return cached.table
}

let cached: { rows: number; party: number; table: TableShares } | undefined

function makeBenchTable(party: number, rows: number): TableShares {
  let state = 0x9e3779b9
  const next32 = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return state >>> 0
  }
  const layout = tableLayout(benchSchema)
  const vectors = layout.vectors.map(() => new BigUint64Array(rows))
  for (const spec of benchSchema.columns) {
    const where = layout.columns.get(spec.name)!
    const { min, max } = encodedRange(spec)
    // Spans up to 2^53 (the widest bench column spans about 2^36).
    const span = Number(max - min + 1n)
    const values = vectors[where.value]!
    const present = where.present === undefined ? undefined : vectors[where.present]!
    for (let row = 0; row < rows; row++) {
      const draw = next32()
      if (present && draw % 10 === 0) continue
      const offset = ((next32() >>> 11) * 2 ** 32 + next32()) % span
      values[row] = BigInt.asUintN(64, min + BigInt(offset))
      if (present) present[row] = 1n
    }
  }
  const share = (values: BigUint64Array): ReplicatedShare => {
    const zeros = new BigUint64Array(values.length)
    if (party === 0) return { first: values, second: zeros }
    if (party === 2) return { first: zeros, second: values }
    return { first: zeros, second: new BigUint64Array(values.length) }
  }
  return { schema: benchSchema, layout, rows, vectors: vectors.map(share) }
}

/** The job a bench case runs: an algorithm of the library on the bench table with parameters. */
export function runJob(name: string, params: Record<string, unknown>) {
  const algorithm = findAlgorithm(name)
  return (session: Session, table: TableShares) => () => algorithm.run({ session, table, params })
}
