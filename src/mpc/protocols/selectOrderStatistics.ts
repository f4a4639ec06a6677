import { TriadError } from '../../errors/index.ts'
import { unpackBits } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import {
  difference,
  gather,
  indexWidthFor,
  lessByKeyThenIndex,
  publicIndex,
} from './circuits/keyIndexOrder.ts'
import { openBits } from './openBits.ts'
import { shuffle } from './shuffle.ts'

export interface SelectOrderStatisticsOptions {
  /** Compare keys as `keyWidth`-bit numbers (default 64); see `SortByKeyOptions.keyWidth`. */
  readonly keyWidth?: number
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
 * per party at 64 bits, less with `keyWidth`.
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
    keyWidth: options.keyWidth,
  })
}

export interface SelectInBlocksParameters {
  /** The vector is `targets.length` blocks of this many elements, end to end. */
  readonly blockLength: number
  /** For each block, the positions (in the block, sorted ascending) whose elements are wanted. */
  readonly targets: readonly (readonly number[])[]
  /** Compare keys as `keyWidth`-bit numbers (default 64). */
  readonly keyWidth?: number
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
  { blockLength: n, targets, keyWidth = 64 }: SelectInBlocksParameters,
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
  const keys: ReplicatedShare[] = []
  const indices: ReplicatedShare[] = []
  for (let block = 0; block < blocks; block++) {
    const [shuffledKey, shuffledIndex] = await shuffle(session, [
      {
        first: key.first.subarray(block * n, (block + 1) * n),
        second: key.second.subarray(block * n, (block + 1) * n),
      },
      publicIndex(session.partyIndex, n),
    ])
    keys.push(shuffledKey!)
    indices.push(shuffledIndex!)
  }
  const joinedKey = join(keys)
  const order = await quickselectOrder(
    session,
    joinedKey,
    join(indices),
    n,
    targets.map((list) => [...new Set(list)].sort((a, b) => a - b)),
    keyWidth,
  )
  return gather(
    joinedKey,
    Uint32Array.from(flat, (target) => order[target]!),
  )
}

function join(parts: readonly ReplicatedShare[]): ReplicatedShare {
  const length = parts.reduce((total, part) => total + part.first.length, 0)
  const first = new BigUint64Array(length)
  const second = new BigUint64Array(length)
  let offset = 0
  for (const part of parts) {
    first.set(part.first, offset)
    second.set(part.second, offset)
    offset += part.first.length
  }
  return { first, second }
}

/**
 * Rearranges positions until every target position holds the row of that rank: the same
 * partition steps as `sortByKey`'s quicksort, but only segments that contain a target go on.
 */
async function quickselectOrder(
  session: Session,
  key: ReplicatedShare,
  index: ReplicatedShare,
  n: number,
  targets: readonly (readonly number[])[],
  keyWidth: number,
): Promise<Uint32Array> {
  const total = targets.length * n
  const order = new Uint32Array(total)
  for (let i = 0; i < total; i++) order[i] = i
  const indexWidth = indexWidthFor(n)
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
    const below = await lessByKeyThenIndex(
      session,
      difference(key, x, p),
      difference(index, x, p),
      indexWidth,
      keyWidth,
    )
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
