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
 */
export function benchTable(session: Session, rows: number): TableShares {
  let state = 0x9e3779b97f4a7c15n
  const next = () => {
    state ^= (state << 13n) & 0xffffffffffffffffn
    state ^= state >> 7n
    state ^= (state << 17n) & 0xffffffffffffffffn
    return state
  }
  const layout = tableLayout(benchSchema)
  const vectors = layout.vectors.map(() => new BigUint64Array(rows))
  for (const spec of benchSchema.columns) {
    const where = layout.columns.get(spec.name)!
    const { min, max } = encodedRange(spec)
    const span = max - min + 1n
    const values = vectors[where.value]!
    const present = where.present === undefined ? undefined : vectors[where.present]!
    for (let row = 0; row < rows; row++) {
      const draw = next()
      if (present && draw % 10n === 0n) continue
      values[row] = BigInt.asUintN(64, min + ((draw >> 8n) % span))
      if (present) present[row] = 1n
    }
  }
  const party = session.partyIndex
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
