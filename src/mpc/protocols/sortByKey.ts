import { TriadError } from '../../errors/index.ts'
import { type BooleanShare, halvesOf, notBits, unpackBits, xorBits } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { type CarryParts, carryPartsCircuit, signBitCircuit } from './circuits/carryCircuits.ts'
import { type Circuit, parallel, runCircuit } from './circuits/circuit.ts'
import { dealSummands, type Summands } from './circuits/dealSummands.ts'
import { signOfDifference } from './circuits/differenceTests.ts'
import { combine, gather, indexWidthFor, publicIndex } from './circuits/keyIndexOrder.ts'
import { openBits } from './openBits.ts'
import { shuffle } from './shuffle.ts'

export interface SortByKeyOptions {
  /**
   * Promise that every key lies in [−2^(keyBits−1), 2^(keyBits−1)) (for example from the column's
   * schema bounds). The hidden row index then fits below the key in one ring element, and each
   * comparison is one sign test of width keyBits + ⌈log2 n⌉ + 1 instead of three circuits: about
   * half the traffic for 32-bit keys. The range is the caller's guarantee (validated inputs): with
   * a key outside it the order is wrong, and the opened comparisons are then no longer those of a
   * strict total order, so they may tell something about that key.
   */
  readonly keyBits?: number
}

export interface SortByKeyResult {
  /** The key, ascending (signed 64-bit order). */
  readonly key: ReplicatedShare
  /** Each payload column, its rows moved with their keys. */
  readonly columns: ReplicatedShare[]
}

/**
 * Sorts the rows of a table by a key column, ascending, carrying the payload columns along:
 * shuffle, then quicksort with opened comparisons (after Hamada et al., ICISC 2012).
 *
 * 1. A hidden row index i (0..n−1, shared) joins the table, and `shuffle` permutes all columns by
 *    a permutation no single party knows.
 * 2. Quicksort on the shuffled rows. Each level compares every row of every unsorted segment with
 *    the segment's first row (its pivot) in one batch, by the strict total order
 *    (key, i) < (key', i') ⇔ key < key' ∨ (key = key' ∧ i < i'), and opens the outcome bits; the
 *    parties then rearrange the rows' positions in the clear. The shares themselves move once, at
 *    the end.
 *
 * Cost: about 1.39·n·log2 n comparisons in ~2·ln n levels; a comparison is one deal, 8 AND
 * layers and one opening: 10 rounds per level, about 33 bytes per comparison and party for 64-bit
 * keys and n = 100k (about 20 with `keyBits: 32`). Plus the shuffle: 3 rounds,
 * 16·(columns + 2) bytes per row and party.
 *
 * Keys compare as signed 64-bit integers, exactly when any two keys differ by less than 2^63 − 1
 * (for example all keys in [−2^62, 2^62)); ties keep no particular order among themselves (their
 * order follows the shuffle).
 *
 * @leakage n, and nothing else. The opened bits compare rows of a uniformly random arrangement
 * under a strict total order (the hidden index breaks every tie), so the sequence of outcomes, and
 * the number of levels, is that of quicksort on a uniformly random permutation: independent of
 * the data. Equal keys are not revealed as equal: they compare by their hidden index.
 * @example
 * const { key: ages, columns: [incomes] } = await sortByKey(session, ages, [incomes])
 */
export async function sortByKey(
  session: Session,
  key: ReplicatedShare,
  columns: readonly ReplicatedShare[] = [],
  options: SortByKeyOptions = {},
): Promise<SortByKeyResult> {
  const n = key.first.length
  for (const [index, column] of columns.entries())
    if (column.first.length !== n || column.second.length !== n)
      throw new TriadError(
        'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
        'A payload column differs in length',
        {
          details: `the key has ${n} rows, payload column ${index} has ${column.first.length}`,
          hint: 'Sort rows of one table: every column must have as many rows as the key.',
        },
      )
  if (n <= 1) return { key: copy(key), columns: columns.map(copy) }
  const index = publicIndex(session.partyIndex, n)
  const narrow = options.keyBits === undefined ? undefined : narrowWidths(options.keyBits, n)
  // With a known key range the tie-break fits in the key: (key · 2^s + index) is unique.
  const tieBroken = narrow ? combine(key, index, narrow.shift) : index
  const [shuffledKey, shuffledTieBroken, ...shuffledColumns] = await shuffle(session, [
    key,
    tieBroken,
    ...columns,
  ])
  const order = narrow
    ? await quicksortOrder(session, [shuffledTieBroken!], ([difference]) =>
        signOfDifference(session, difference!, undefined, narrow.width),
      )
    : await quicksortOrder(session, [shuffledKey!, shuffledTieBroken!], ([keys, indices]) =>
        lessByKeyThenIndex(session, keys!, indices!, indexWidthFor(n)),
      )
  return {
    key: gather(shuffledKey!, order),
    columns: shuffledColumns.map((column) => gather(column, order)),
  }
}

/**
 * Secret bits: 1 where a row comes before its pivot, given for each compared column the
 * differences (row − pivot), all segments end to end.
 */
type PivotComparison = (differences: ReplicatedShare[]) => Promise<BooleanShare>

/**
 * The positions of the shuffled rows in ascending order, found by quicksort: every level compares
 * all rows of all unsorted segments with their segment's first row in one batch and opens the
 * outcome bits. The compared columns are kept arranged in the current order (moved along with
 * each partition), so that every level reads them sequentially.
 */
async function quicksortOrder(
  session: Session,
  compared: readonly ReplicatedShare[],
  lessThanPivot: PivotComparison,
): Promise<Uint32Array> {
  const n = compared[0]!.first.length
  let order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let spare = new Uint32Array(n)
  let columns = compared.map((column) => [column.first.slice(), column.second.slice()])
  let spareColumns = compared.map(() => [new BigUint64Array(n), new BigUint64Array(n)])
  const destination = new Uint32Array(n)
  let segments: [number, number][] = [[0, n]]
  while (segments.length > 0) {
    let m = 0
    for (const [start, end] of segments) m += end - start - 1
    const differences = columns.map(([first, second]) => ({
      first: pivotDifferences(first!, segments, m),
      second: pivotDifferences(second!, segments, m),
    }))
    const below = await lessThanPivot(differences)
    const outcome = unpackBits(await openBits(session, below), m)
    // Where each row goes: in a segment, rows before the pivot fill [start, start + l), the pivot
    // goes to start + l, the rest after it; rows of finished segments stay.
    for (let j = 0; j < n; j++) destination[j] = j
    const next: [number, number][] = []
    let k = 0
    for (const [start, end] of segments) {
      let l = 0
      for (let j = 0; j < end - start - 1; j++) l += outcome[k + j]!
      let low = start
      let high = start + l + 1
      destination[start] = start + l
      for (let j = start + 1; j < end; j++) destination[j] = outcome[k++] === 1 ? low++ : high++
      if (l > 1) next.push([start, start + l])
      if (end - start - l - 1 > 1) next.push([start + l + 1, end])
    }
    scatterPositions(order, spare, destination)
    for (const [c, [first, second]] of columns.entries()) {
      scatterWords(first!, spareColumns[c]![0]!, destination)
      scatterWords(second!, spareColumns[c]![1]!, destination)
    }
    ;[order, spare] = [spare, order]
    ;[columns, spareColumns] = [spareColumns, columns]
    segments = next
  }
  return order
}

/** values[j] − values[start] for every row j after the first of every segment, end to end. */
function pivotDifferences(
  values: BigUint64Array,
  segments: readonly [number, number][],
  count: number,
): BigUint64Array {
  const out = new BigUint64Array(count)
  let k = 0
  for (const [start, end] of segments) {
    const pivot = values[start]!
    for (let j = start + 1; j < end; j++) out[k++] = values[j]! - pivot
  }
  return out
}

/** to[destination[j]] = from[j] for every j. */
function scatterPositions(from: Uint32Array, to: Uint32Array, destination: Uint32Array): void {
  for (let j = 0; j < from.length; j++) to[destination[j]!] = from[j]!
}

/** to[destination[j]] = from[j] for every j, moving 32-bit halves (no BigInt on the way). */
function scatterWords(from: BigUint64Array, to: BigUint64Array, destination: Uint32Array): void {
  const [a, b] = [halvesOf(from), halvesOf(to)]
  for (let j = 0; j < from.length; j++) {
    const d = destination[j]!
    b[2 * d] = a[2 * j]!
    b[2 * d + 1] = a[2 * j + 1]!
  }
}

/**
 * (key, index) < (key', index') from the differences d = key − key' and e = index − index', as the
 * sign of d − [e < 0]: when key ≠ key' the borrow cannot change the sign of d (|d| ≥ 1), and when
 * they are equal the sign is that of −[e < 0]. The borrow enters the key's adder as a carry-in:
 * x = a + b is dealt with b − 1, and d − [e < 0] = a + (b − 1) + NOT[e < 0]. The key's carry
 * tree and the index's sign circuit run side by side; one more AND adds the carry-in.
 */
async function lessByKeyThenIndex(
  session: Session,
  keyDifference: ReplicatedShare,
  indexDifference: ReplicatedShare,
  indexWidth: number,
): Promise<BooleanShare> {
  // Each deal takes its step and draws its randomness before its first await, so the two run
  // side by side in one round without disturbing the order of steps.
  const [keys, indices] = await Promise.all([
    dealSummands(session, keyDifference, { planes: 64, sum: true, negated: false, bias: -1n }),
    dealSummands(session, indexDifference, { planes: indexWidth, sum: true, negated: false }),
  ])
  return runCircuit(session, compositeCircuit(keys, indices, indexWidth, session.partyIndex))
}

function* compositeCircuit(
  keys: Summands,
  indices: Summands,
  indexWidth: number,
  party: Session['partyIndex'],
): Circuit<BooleanShare> {
  const [parts, indexBelow] = (yield* parallel<unknown>([
    carryPartsCircuit(keys.a, keys.b!, keys.wordsPerPlane, 64),
    signBitCircuit(indices.a, indices.b!, indices.wordsPerPlane, indexWidth),
  ])) as [CarryParts, BooleanShare]
  const carryIn = notBits(indexBelow, party)
  const [carry] = yield [[parts.p, carryIn, parts.g]]
  return xorBits(parts.top, carry!)
}

/**
 * For keys known to lie in [−2^(keyBits−1), 2^(keyBits−1)): the shift s that makes room for a row
 * index below the key, and the width at which differences of (key · 2^s + index) are exact.
 */
function narrowWidths(keyBits: number, n: number): { shift: number; width: number } {
  const shift = Math.max(1, Math.ceil(Math.log2(n)))
  const width = keyBits + shift + 1
  if (!Number.isInteger(keyBits) || keyBits < 1 || width > 64)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The key width does not fit the sort', {
      details: `keyBits ${keyBits} with ${n} rows needs ${width} bits, at most 64`,
      hint: 'Pass keyBits only for keys known to be narrow (e.g. from the column schema); omit it for 64-bit keys.',
    })
  return { shift, width }
}

function copy(share: ReplicatedShare): ReplicatedShare {
  return { first: share.first.slice(), second: share.second.slice() }
}
