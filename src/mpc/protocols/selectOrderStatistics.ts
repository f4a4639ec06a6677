import { TriadError } from '../../errors/index.ts'
import { type BooleanShare, unpackBits } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import { concatenateShares, type ReplicatedShare } from '../sharing/index.ts'
import { signOfDifference } from './circuits/differenceTests.ts'
import {
  combine,
  difference,
  gather,
  indexWidthFor,
  lessByKeyThenIndex,
  publicIndex,
} from './circuits/keyIndexOrder.ts'
import { openBits } from './openBits.ts'
import { shuffle } from './shuffle.ts'

export interface SelectOrderStatisticsOptions {
  /**
   * Promise that every key lies in [−2^(keyBits−1), 2^(keyBits−1)) (from the column's bounds), as
   * `SortByKeyOptions.keyBits`: the hidden index then fits below the key and each comparison is
   * one sign test of width keyBits + ⌈log2 n⌉ + 1.
   */
  readonly keyBits?: number
}

/**
 * The order statistics of a shared vector at public positions: element `targets[j]` of the
 * vector sorted ascending, without sorting it. Shuffle, then quickselect (Hoare's FIND) with
 * opened comparisons under the same strict order as `sortByKey` (key, then a hidden row index):
 * each round compares every row of every segment that still holds a target with the segment's
 * first row, in one batch, and keeps only the parts that hold a target.
 *
 * Cost: the shuffle (3 rounds, 32 bytes per row and party), then about 2n to 3.4n comparisons
 * for one target (n + n/2 + … on average, more for a target near the middle), in about 2 ln n
 * rounds of comparisons; nearby targets cost little more than one. Each comparison is ≈ 45 bytes
 * per party at 64 bits, about (keyBits + log2 n)·(1/3 + 3)/8 bytes with `keyBits`.
 *
 * @leakage n and the (public) targets only: as in `sortByKey`, the opened outcomes compare rows
 * of a uniformly random arrangement of distinct items, so which comparisons are made and how they
 * come out has the same distribution whatever the data.
 * @example
 * const [median] = toValues(await selectOrderStatistics(session, values, [(n - 1) / 2]))
 */
export async function selectOrderStatistics(
  session: Session,
  key: ReplicatedShare,
  targets: readonly number[],
  options: SelectOrderStatisticsOptions = {},
): Promise<ReplicatedShare> {
  return selectInBlocks(session, key, {
    blockLength: key.first.length,
    targets: [targets],
    keyBits: options.keyBits,
  })
}

export interface SelectInBlocksParameters {
  /** The vector is `targets.length` blocks of this many elements, end to end. */
  readonly blockLength: number
  /** For each block, the positions (in the block, sorted ascending) whose elements are wanted. */
  readonly targets: readonly (readonly number[])[]
  /** The keys' range, as `SelectOrderStatisticsOptions.keyBits`. */
  readonly keyBits?: number
}

/**
 * `selectOrderStatistics` for several independent blocks at once (one per group, or per
 * quantile): each block is shuffled by its own permutation, and the quickselects of all blocks
 * run in lockstep, one batch of comparisons per round for all of them. Returns, block after
 * block, the elements at each block's targets.
 *
 * @leakage the block length and the targets only; each block's comparisons are those of its own
 * uniformly random arrangement.
 */
export async function selectInBlocks(
  session: Session,
  key: ReplicatedShare,
  { blockLength: n, targets, keyBits }: SelectInBlocksParameters,
): Promise<ReplicatedShare> {
  const blocks = targets.length
  if (key.first.length !== blocks * n)
    throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'The vector is not whole blocks', {
      details: `${key.first.length} elements for ${blocks} blocks of ${n}`,
    })
  for (const target of targets.flat())
    if (!Number.isInteger(target) || target < 0 || target >= n)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'An order statistic is out of range', {
        details: `position ${target} of ${n} elements`,
        hint: 'Ask for positions 0 to n − 1 of a non-empty vector.',
      })
  const flat = targets.flatMap((list, block) => list.map((target) => block * n + target))
  if (flat.length === 0) return { first: new BigUint64Array(0), second: new BigUint64Array(0) }
  if (n === 1) return gather(key, Uint32Array.from(flat))
  const narrow = keyBits === undefined ? undefined : narrowWidths(keyBits, n)
  const keys: ReplicatedShare[] = []
  const tieBroken: ReplicatedShare[] = []
  for (let block = 0; block < blocks; block++) {
    const part = {
      first: key.first.subarray(block * n, (block + 1) * n),
      second: key.second.subarray(block * n, (block + 1) * n),
    }
    const index = publicIndex(session.partyIndex, n)
    const [shuffledKey, shuffledTieBroken] = await shuffle(session, [
      part,
      narrow ? combine(part, index, narrow.shift) : index,
    ])
    keys.push(shuffledKey!)
    tieBroken.push(shuffledTieBroken!)
  }
  const joinedKey = concatenateShares(keys)
  const joinedTieBroken = concatenateShares(tieBroken)
  const lessThanPivot = narrow
    ? (x: Uint32Array, p: Uint32Array) =>
        signOfDifference(session, difference(joinedTieBroken, x, p), undefined, narrow.width)
    : (x: Uint32Array, p: Uint32Array) =>
        lessByKeyThenIndex(
          session,
          difference(joinedKey, x, p),
          difference(joinedTieBroken, x, p),
          indexWidthFor(n),
        )
  const order = await quickselectOrder(
    session,
    n,
    targets.map((list) => [...new Set(list)].sort((a, b) => a - b)),
    lessThanPivot,
  )
  return gather(
    joinedKey,
    Uint32Array.from(flat, (target) => order[target]!),
  )
}

/**
 * Rearranges positions until every target position holds the row of that rank: the same
 * partition steps as `sortByKey`'s quicksort, but only segments that contain a target go on.
 */
async function quickselectOrder(
  session: Session,
  n: number,
  targets: readonly (readonly number[])[],
  lessThanPivot: (rows: Uint32Array, pivots: Uint32Array) => Promise<BooleanShare>,
): Promise<Uint32Array> {
  const total = targets.length * n
  const order = new Uint32Array(total)
  for (let i = 0; i < total; i++) order[i] = i
  const global = targets.flatMap((list, block) => list.map((target) => block * n + target))
  const holdsTarget = (start: number, end: number) =>
    end - start > 1 && global.some((target) => target >= start && target < end)
  let segments: [number, number][] = []
  for (let block = 0; block < targets.length; block++)
    if (holdsTarget(block * n, (block + 1) * n)) segments.push([block * n, (block + 1) * n])
  const rows = new Uint32Array(total)
  const pivots = new Uint32Array(total)
  const left = new Uint32Array(n)
  const right = new Uint32Array(n)
  while (segments.length > 0) {
    let m = 0
    for (const [start, end] of segments)
      for (let j = start + 1; j < end; j++) {
        rows[m] = order[j]!
        pivots[m] = order[start]!
        m++
      }
    const x = rows.subarray(0, m)
    const p = pivots.subarray(0, m)
    const below = await lessThanPivot(x, p)
    const outcome = unpackBits(await openBits(session, below), m)
    const next: [number, number][] = []
    let k = 0
    for (const [start, end] of segments) {
      const pivot = order[start]!
      let l = 0
      let r = 0
      for (let j = start + 1; j < end; j++) {
        if (outcome[k++] === 1) left[l++] = order[j]!
        else right[r++] = order[j]!
      }
      order.set(left.subarray(0, l), start)
      order[start + l] = pivot
      order.set(right.subarray(0, r), start + l + 1)
      if (holdsTarget(start, start + l)) next.push([start, start + l])
      if (holdsTarget(start + l + 1, end)) next.push([start + l + 1, end])
    }
    segments = next
  }
  return order
}

/**
 * For keys in [−2^(keyBits−1), 2^(keyBits−1)): the shift that makes room for a row index below
 * the key, and the width at which differences of (key · 2^shift + index) are exact.
 */
function narrowWidths(keyBits: number, n: number): { shift: number; width: number } {
  const shift = Math.max(1, Math.ceil(Math.log2(Math.max(n, 2))))
  const width = keyBits + shift + 1
  if (!Number.isInteger(keyBits) || keyBits < 1 || width > 64)
    throw new TriadError(
      'TRIAD_ERR_VALUE_OUT_OF_RANGE',
      'The key width does not fit the selection',
      {
        details: `keyBits ${keyBits} with ${n} rows needs ${width} bits, at most 64`,
        hint: 'Pass keyBits only for keys known to be narrow; omit it for 64-bit keys.',
      },
    )
  return { shift, width }
}
