import {
  andBits,
  type BooleanShare,
  isZero,
  mostSignificantBit,
  notBits,
  type ReplicatedShare,
  type Session,
  wordsForBits,
  xorBits,
} from '../../mpc/index.ts'
import { columnShares, type TableShares } from '../../table/index.ts'
import { valueRange } from '../numeric/valueRange.ts'
import type { EncodedComparison, EncodedCondition } from '../params/where.ts'
import { RowMasks } from './RowMasks.ts'
import { addPublic, concat, sliceBits } from './shares.ts'

/**
 * A filter evaluated obliviously over every row: one secret bit per row, 1 where the row passes.
 *
 * Every comparison is with a public constant, on a narrow bit width taken from the column's
 * bounds: x < c is the sign bit of x − c read as a w-bit number (w just wide enough for every
 * x − c), x = c a zero test of the low w bits. All comparisons of the filter go in one batch, and
 * all equality tests in another, whatever their columns. A missing value fails its comparison
 * (the comparison is ANDed with the column's availability mask, negated or not), then `and` and
 * `or` combine the bits (one round each: x ∨ y = x ⊕ y ⊕ xy).
 *
 * Cost: for r comparisons on a column of width w, about r·(w/3 + 3w) bits per row; one bit per
 * row per AND and OR; rounds ≈ 2 + log2 w + the depth of the filter.
 *
 * @leakage none: the bits stay secret.
 */
export async function evaluateFilter(
  session: Session,
  table: TableShares,
  condition: EncodedCondition,
): Promise<RowMasks> {
  const n = table.rows
  const words = wordsForBits(n)
  const stride = words * 64
  const comparisons: EncodedComparison[] = []
  const collect = (node: EncodedCondition): void => {
    if (node.kind === 'comparison') comparisons.push(node.comparison)
    else for (const operand of node.operands) collect(operand)
  }
  collect(condition)

  // One batch of sign bits and one of zero tests, each input padded to whole words per test.
  const signInputs: ReplicatedShare[] = []
  let signWidth = 1
  const zeroInputs: ReplicatedShare[] = []
  let zeroWidth = 1
  const plan = comparisons.map((comparison) => {
    const value = columnShares(table, comparison.column).value
    const range = valueRange(comparison.spec)
    if (comparison.kind === 'lessThan') {
      const c = clamp(comparison.constants[0]!, range.min, range.max + 1n)
      signWidth = Math.max(signWidth, signedWidth(range.min - c, range.max - c))
      signInputs.push(padded(addPublic(session, value, -c), stride))
      return { kind: 'sign' as const, at: signInputs.length - 1 }
    }
    const first = zeroInputs.length
    for (const constant of comparison.constants) {
      const c = clamp(constant, range.min - 1n, range.max + 1n)
      zeroWidth = Math.max(zeroWidth, magnitudeWidth(range.min - c, range.max - c))
      zeroInputs.push(padded(addPublic(session, value, -c), stride))
    }
    return { kind: 'zero' as const, at: first, count: comparison.constants.length }
  })
  const signs =
    signInputs.length > 0
      ? await mostSignificantBit(session, concat(signInputs), { width: signWidth })
      : undefined
  const zeros =
    zeroInputs.length > 0
      ? await isZero(session, concat(zeroInputs), { width: zeroWidth })
      : undefined
  const outcomes = plan.map((step, i): BooleanShare => {
    let bits: BooleanShare
    if (step.kind === 'sign') bits = sliceBits(signs!, step.at * words, (step.at + 1) * words)
    else {
      bits = sliceBits(zeros!, step.at * words, (step.at + 1) * words)
      // The constants of `in` are distinct, so at most one test is 1: XOR is OR.
      for (let j = 1; j < step.count; j++)
        bits = xorBits(bits, sliceBits(zeros!, (step.at + j) * words, (step.at + j + 1) * words))
    }
    return comparisons[i]!.negate ? notBits(bits, session.partyIndex) : bits
  })

  // A missing value fails its comparison: AND with the availability masks, in one round.
  const nullable = comparisons
    .map((comparison, i) => ({ i, present: columnShares(table, comparison.column).present }))
    .filter((entry): entry is { i: number; present: ReplicatedShare } => !!entry.present)
  if (nullable.length > 0) {
    const present = await RowMasks.fromRing(
      session,
      n,
      nullable.length,
      concat(nullable.map((entry) => entry.present)),
    ).bits()
    const masked = await andBits(
      session,
      concat(nullable.map((entry) => outcomes[entry.i]!)),
      present,
    )
    nullable.forEach((entry, j) => {
      outcomes[entry.i] = sliceBits(masked, j * words, (j + 1) * words)
    })
  }

  let next = 0
  const combine = async (node: EncodedCondition): Promise<BooleanShare> => {
    if (node.kind === 'comparison') return outcomes[next++]!
    let result = await combine(node.operands[0]!)
    for (const operand of node.operands.slice(1)) {
      const bits = await combine(operand)
      const both = await andBits(session, result, bits)
      result = node.kind === 'and' ? both : xorBits(xorBits(result, bits), both)
    }
    return result
  }
  return RowMasks.fromBits(session, n, 1, await combine(condition))
}

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value
}

function padded(x: ReplicatedShare, stride: number): ReplicatedShare {
  if (x.first.length === stride) return x
  const first = new BigUint64Array(stride)
  const second = new BigUint64Array(stride)
  first.set(x.first)
  second.set(x.second)
  return { first, second }
}

/** The fewest bits w with every value of [lo, hi] in [−2^(w−1), 2^(w−1)). */
export function signedWidth(lo: bigint, hi: bigint): number {
  let w = 1
  while (lo < -(1n << BigInt(w - 1)) || hi >= 1n << BigInt(w - 1)) w++
  return w
}

/** The fewest bits w with every value of [lo, hi] in (−2^w, 2^w): enough for a zero test. */
export function magnitudeWidth(lo: bigint, hi: bigint): number {
  const largest = -lo > hi ? -lo : hi
  let w = 1
  while (largest >= 1n << BigInt(w)) w++
  return w
}
