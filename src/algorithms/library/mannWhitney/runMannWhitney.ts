import {
  bitToArithmetic,
  mostSignificantBit,
  multiply,
  type ReplicatedShare,
  sortByKey,
} from '../../../mpc/index.ts'
import { encodedRange } from '../../../protocol/schema/index.ts'
import { columnShares } from '../../../table/index.ts'
import { twoGroupIndices } from '../../params/twoGroups.ts'
import { signedWidth } from '../../secure/evaluateFilter.ts'
import type { AlgorithmRun } from '../../secure/RunContext.ts'
import { selectRows } from '../../secure/selectRows.ts'
import { add, addPublic, concat, scale, segmentSums, slice, subtract } from '../../secure/shares.ts'
import type { MannWhitneyParams } from './mannWhitney.ts'

/**
 * mannWhitney at one party. Rows of group A or B get the key 2(x − min) + [A] (ties: B before A)
 * in one block and 2(x − min) + [B] (ties: A before B) in another; every other row a key above
 * all of them. One sort of both blocks (the second shifted above the first) carries the A
 * indicator along; then with 0-based positions p, U≥ = Σ_A p − nA(nA − 1)/2 counts pairs with
 * a ≥ b and U> the same in the second block counts a > b, so 2U = U≥ + U> (ties count half).
 */
export const runMannWhitney: AlgorithmRun<MannWhitneyParams> = async (context) => {
  const { session, table, params, where, schema } = context
  const n = table.rows
  const masks = await selectRows(session, table, {
    columns: [params.column],
    where,
    groupBy: params.by,
    categories: twoGroupIndices(schema, params.by, params.groups),
  })
  const ring = await masks.ring()
  const inA = slice(ring, 0, n)
  const inB = slice(ring, n, 2 * n)
  const { spec, value } = columnShares(table, params.column)
  const range = encodedRange(spec)
  const sentinel = 2n * (range.max - range.min) + 2n
  const shift = sentinel + 1n
  // i·(2(x − min) − sentinel), with i = [A] + [B] the rows that take part.
  const taking = add(inA, inB)
  const doubled = addPublic(session, scale(addPublic(session, value, -range.min), 2n), -sentinel)
  const placed = addPublic(session, await multiply(session, taking, doubled), sentinel)
  const first = add(placed, inA)
  const second = addPublic(session, add(placed, inB), shift)
  const sorted = await sortByKey(session, concat([first, second]), [concat([inA, inA])], {
    keyBits: signedWidth(0n, 2n * shift),
  })
  const marks = sorted.columns[0]!
  const positions = new BigUint64Array(2 * n)
  for (let p = 0; p < 2 * n; p++) positions[p] = BigInt(p < n ? p : p - n)
  const weighted: ReplicatedShare = {
    first: marks.first.map((mark, p) => mark * positions[p]!),
    second: marks.second.map((mark, p) => mark * positions[p]!),
  }
  const rankSums = segmentSums(weighted, 1, 2 * n)
  const counts = segmentSums(ring, 2, n)
  const nA = slice(counts, 0, 1)
  const nB = slice(counts, 1, 2)
  // 2U = R≥ + R> − nA(nA − 1); the guard counts the smaller group.
  const below = await bitToArithmetic(
    session,
    await mostSignificantBit(session, subtract(nA, nB)),
    1,
  )
  const products = await multiply(session, concat([nA, below]), concat([nA, subtract(nA, nB)]))
  const twiceU = add(subtract(rankSums, slice(products, 0, 1)), nA)
  const smaller = add(nB, slice(products, 1, 2))
  return {
    counts: smaller,
    values: concat([twiceU, nA, nB]),
    valuesPerBlock: 3,
    sensitivity: [0n, 0n, 0n],
    guard: 'statistics',
  }
}
