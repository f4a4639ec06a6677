import {
  bitToArithmetic,
  mostSignificantBit,
  multiply,
  type ReplicatedShare,
  type Session,
  selectInBlocks,
  truncateExact,
} from '../../mpc/index.ts'
import { encodedRange } from '../../protocol/schema/index.ts'
import { columnShares, type TableShares } from '../../table/index.ts'
import { QUANTILE_BITS, QUANTILE_ONE } from '../numeric/quantileFraction.ts'
import { signedWidth } from './evaluateFilter.ts'
import type { RowMasks } from './RowMasks.ts'
import { add, addPublic, concat, publicConstant, scale, slice, subtract } from './shares.ts'

/**
 * Quantiles of a column over each selection, without sorting and without revealing how many rows
 * are selected. Quantile q = a / 2^16 follows the usual definition (R's type 7): over the c
 * selected values in order y_0 ≤ … ≤ y_(c−1), h = (c − 1)·q and the quantile is
 * y_⌊h⌋ + (h − ⌊h⌋)·(y_(⌊h⌋+1) − y_⌊h⌋).
 *
 * The position h depends on c, which is secret, while quickselect needs public positions. So every
 * row takes part, and the e = n − c rows that are not selected are given sentinel keys: below all
 * values for the first L = ⌊e·q⌋ of them (in row order), above for the rest. The selected values
 * then occupy sorted positions L … L + c − 1 and the quantile sits at position
 * L + (c − 1)·q = (n − 1)·q − frac(e·q): within one of the public position (n − 1)·q. Quickselect
 * finds the three order statistics around that position, and the secret bit b = [frac(e·q) >
 * frac((n − 1)·q)] chooses between them; the interpolation weight is secret too. All of it is
 * exact: the result is the quantile times 2^16, as an integer.
 *
 * Per selection and quantile: one exact truncation of one element (L), a narrow comparison,
 * an injection and a multiplication per row (which rows go below), a block of n keys for
 * quickselect (≈ 2n to 3.4n comparisons), then a few multiplications of single elements.
 * Without a filter, groups or missing values (every row selected), the keys are the column itself
 * and all quantiles come from one quickselect.
 *
 * @leakage none: the opened comparisons are those of quickselect on uniformly random
 * arrangements of distinct items (the hidden index breaks ties), at public positions.
 */
export async function secureQuantiles(
  session: Session,
  table: TableShares,
  masks: RowMasks,
  column: string,
  numerators: readonly bigint[],
): Promise<ReplicatedShare> {
  const n = table.rows
  const { spec, value } = columnShares(table, column)
  const range = encodedRange(spec)
  const low = range.min - 1n
  const high = range.max + 1n
  const keyBits = signedWidth(low, high)
  const Q = numerators.length
  const publicPosition = numerators.map((a) => {
    const scaled = BigInt(Math.max(n - 1, 0)) * a
    return { P0: Number(scaled >> QUANTILE_BITS), F: scaled & (QUANTILE_ONE - 1n) }
  })
  const clampPosition = (position: number) => Math.min(Math.max(position, 0), Math.max(n - 1, 0))

  if (masks.everyRow) {
    // Every row: e = 0, so L = 0 and the quantile is y_P0 + F·(y_(P0+1) − y_P0) / 2^16.
    const targets = [...new Set(publicPosition.flatMap(({ P0 }) => [P0, clampPosition(P0 + 1)]))]
    targets.sort((a, b) => a - b)
    const selected = await selectInBlocks(session, value, {
      blockLength: n,
      targets: [targets],
      keyBits,
    })
    const at = (position: number) =>
      slice(selected, targets.indexOf(position), targets.indexOf(position) + 1)
    return concat(
      publicPosition.map(({ P0, F }) => {
        const lower = at(P0)
        const upper = at(clampPosition(P0 + 1))
        return add(scale(lower, QUANTILE_ONE), scale(subtract(upper, lower), F))
      }),
    )
  }

  const K = masks.count
  const ring = await masks.ring()
  const counts = await masks.counts()
  const excluded = (k: number) => addPublic(session, scale(slice(counts, k, k + 1), -1n), BigInt(n))

  // L = ⌊e·a / 2^16⌋ and g = e·a mod 2^16 for every selection k and quantile j (block k·Q + j).
  const products: ReplicatedShare[] = []
  for (let k = 0; k < K; k++) for (const a of numerators) products.push(scale(excluded(k), a))
  const scaledExcluded = concat(products)
  const offsets = await truncateExact(session, scaledExcluded, {
    shift: Number(QUANTILE_BITS),
    bound: 42,
  })
  const fractions = subtract(scaledExcluded, scale(offsets, QUANTILE_ONE))

  // Which unselected rows go below: exclusion rank r_i (rows not selected before row i) < L.
  const blocks = K * Q
  const rankMinusOffset: ReplicatedShare[] = []
  for (let k = 0; k < K; k++) {
    const mask = slice(ring, k * n, (k + 1) * n)
    const ranks = exclusionRanks(session, mask)
    for (let j = 0; j < Q; j++) {
      const L = slice(offsets, k * Q + j, k * Q + j + 1)
      rankMinusOffset.push(subtract(ranks, repeat(L, n)))
    }
  }
  const goesLow = await bitToArithmetic(
    session,
    await mostSignificantBit(session, padded(concat(rankMinusOffset), blocks, n), {
      width: signedWidth(-BigInt(n) - 1n, BigInt(n) + 1n),
    }),
    blocks * stride(n),
  )
  // key = high + m·(x − high) + (1 − m)·low?·(low − high).
  const notSelected = (k: number) =>
    addPublic(session, scale(slice(ring, k * n, (k + 1) * n), -1n), 1n)
  const left: ReplicatedShare[] = []
  const right: ReplicatedShare[] = []
  const aboveHigh = addPublic(session, value, -high)
  for (let k = 0; k < K; k++) {
    left.push(slice(ring, k * n, (k + 1) * n))
    right.push(aboveHigh)
  }
  for (let k = 0; k < K; k++)
    for (let j = 0; j < Q; j++) {
      left.push(notSelected(k))
      const block = k * Q + j
      right.push(slice(goesLow, block * stride(n), block * stride(n) + n))
    }
  const multiplied = await multiply(session, concat(left), concat(right))
  const keys: ReplicatedShare[] = []
  for (let k = 0; k < K; k++)
    for (let j = 0; j < Q; j++) {
      const selectedPart = slice(multiplied, k * n, (k + 1) * n)
      const lowPart = slice(multiplied, (K + k * Q + j) * n, (K + k * Q + j + 1) * n)
      keys.push(addPublic(session, add(selectedPart, scale(lowPart, low - high)), high))
    }

  // The three order statistics around each public position.
  const around = publicPosition.map(({ P0 }) => [clampPosition(P0 - 1), P0, clampPosition(P0 + 1)])
  const targets: number[][] = []
  for (let k = 0; k < K; k++)
    for (let j = 0; j < Q; j++) targets.push([...new Set(around[j]!)].sort((a, b) => a - b))
  const found = await selectInBlocks(session, concat(keys), { blockLength: n, targets, keyBits })
  const picked: ReplicatedShare[][] = []
  let offset = 0
  for (let block = 0; block < blocks; block++) {
    const list = targets[block]!
    const j = block % Q
    picked.push(
      around[j]!.map((position) =>
        slice(found, offset + list.indexOf(position), offset + list.indexOf(position) + 1),
      ),
    )
    offset += list.length
  }

  // b = [F < g]: the quantile lies below the public position.
  const F = concat(
    Array.from({ length: blocks }, (_, block) =>
      publicConstant(session, publicPosition[block % Q]!.F, 1),
    ),
  )
  const below = await bitToArithmetic(
    session,
    await mostSignificantBit(session, subtract(F, fractions), { width: Number(QUANTILE_BITS) + 2 }),
    blocks,
  )
  // lower = y0 + b·(y−1 − y0), upper = y1 + b·(y0 − y1).
  const differences = concat(
    picked.flatMap(([previous, current, next]) => [
      subtract(previous!, current!),
      subtract(current!, next!),
    ]),
  )
  const chosen = await multiply(
    session,
    concat(Array.from({ length: blocks }, (_, block) => repeat(slice(below, block, block + 1), 2))),
    differences,
  )
  const lowers: ReplicatedShare[] = []
  const spans: ReplicatedShare[] = []
  for (let block = 0; block < blocks; block++) {
    const [, current, next] = picked[block]!
    const lower = add(current!, slice(chosen, 2 * block, 2 * block + 1))
    const upper = add(next!, slice(chosen, 2 * block + 1, 2 * block + 2))
    lowers.push(lower)
    spans.push(subtract(upper, lower))
  }
  // weight·2^16 = F − g + b·2^16; result = lower·2^16 + weight·2^16·(upper − lower).
  const weights = add(subtract(F, fractions), scale(below, QUANTILE_ONE))
  const interpolated = await multiply(session, weights, concat(spans))
  return add(scale(concat(lowers), QUANTILE_ONE), interpolated)
}

/** Elements per block of padded bits: whole words. */
function stride(n: number): number {
  return Math.ceil(n / 64) * 64
}

/** Blocks of n elements laid out at whole-word strides (padding zero). */
function padded(x: ReplicatedShare, blocks: number, n: number): ReplicatedShare {
  const first = new BigUint64Array(blocks * stride(n))
  const second = new BigUint64Array(blocks * stride(n))
  for (let block = 0; block < blocks; block++) {
    first.set(x.first.subarray(block * n, (block + 1) * n), block * stride(n))
    second.set(x.second.subarray(block * n, (block + 1) * n), block * stride(n))
  }
  return { first, second }
}

/** One element repeated. */
function repeat(x: ReplicatedShare, times: number): ReplicatedShare {
  return {
    first: new BigUint64Array(times).fill(x.first[0]!),
    second: new BigUint64Array(times).fill(x.second[0]!),
  }
}

/** r_i = i − Σ_(t<i) m_t: how many rows before row i are not selected. Local. */
function exclusionRanks(session: Session, mask: ReplicatedShare): ReplicatedShare {
  const n = mask.first.length
  const first = new BigUint64Array(n)
  const second = new BigUint64Array(n)
  // Running sums in one-element typed arrays stay in the ring (a BigInt would grow).
  const a = new BigUint64Array(1)
  const b = new BigUint64Array(1)
  for (let i = 0; i < n; i++) {
    first[i] = -a[0]!
    second[i] = -b[0]!
    a[0] = a[0]! + mask.first[i]!
    b[0] = b[0]! + mask.second[i]!
  }
  const indices = new BigUint64Array(n)
  for (let i = 0; i < n; i++) indices[i] = BigInt(i)
  return addPublic(session, { first, second }, indices)
}
