import {
  andBits,
  type BooleanShare,
  bitToArithmetic,
  inputFromParty,
  isZero,
  mostSignificantBit,
  multiply,
  notBits,
  outputToReceiver,
  type PartyIndex,
  partyIndices,
  type ReplicatedShare,
  type Session,
} from '../../mpc/index.ts'
import { decimalFraction, type PrivacyPolicy } from '../../protocol/schema/index.ts'
import type { RandomSource } from '../privacy/RandomSource.ts'
import { sampleDiscreteLaplace } from '../privacy/sampleDiscreteLaplace.ts'
import { magnitudeWidth, signedWidth } from './evaluateFilter.ts'
import { add, concat, publicConstant, slice } from './shares.ts'

/**
 * What an algorithm releases, before the guards: `blocks` blocks (one per group, bin or cell),
 * each with `valuesPerBlock` secret values and the secret number of rows behind them.
 */
export interface SecureRelease {
  /** One count per block: the rows behind its values (for the minimum-rows guard and DP). */
  readonly counts: ReplicatedShare
  /** Block-major: block g's values are elements [g·k, (g+1)·k). */
  readonly values: ReplicatedShare
  readonly valuesPerBlock: number
  /**
   * For differential privacy: how much adding or removing one row can change each value of a
   * block, in the value's encoding (the count changes by 1). Blocks are disjoint sets of rows.
   */
  readonly sensitivity: readonly bigint[]
  /** Which value of a block is its count, when the count is released: it gets the count's noise. */
  readonly countAt?: number
  /**
   * `statistics`: a block is suppressed when fewer than minRows rows are behind it (an empty
   * group too). `cells`: counts of a table, where an empty cell is released as 0 and only counts
   * in [1, minRows) are suppressed. With differential privacy both compare the noisy count.
   */
  readonly guard: 'statistics' | 'cells'
}

export interface ReleaseToBuyerParameters {
  readonly release: SecureRelease
  readonly policy: PrivacyPolicy
  /** The number of rows of the table (public): bounds the counts. */
  readonly rows: number
  /** This party's randomness for its share of the noise (differential privacy only). */
  readonly noise?: RandomSource
}

/**
 * The last step of every algorithm: guards and noise inside the MPC, then the reveal to the
 * buyer. For each block:
 *
 * 1. With differential privacy, every party draws discrete Laplace noise for each value and for
 *    the count, at the full scale Δ·m/ε (m noisy numbers per block share ε), and inputs it; the
 *    sum of the three draws is added. A corrupt node knows its own draw only, so the buyer's
 *    result holds at least two honest draws, and one is enough for ε-DP.
 * 2. The guard: ok = (count ≥ minRows), on the noisy count with DP; for `cells` also ok when the
 *    count is 0 (without DP).
 * 3. Every value is multiplied by ok, so a suppressed block reveals zeros and ok = 0, never its
 *    count.
 *
 * Revealed layout: per block, its values then ok: blocks × (valuesPerBlock + 1) ring elements.
 *
 * Cost: about 10 rounds; a few hundred bytes per block.
 * @leakage per block, whether it passed the guard, and its values only if it did.
 */
export async function releaseToBuyer(
  session: Session,
  { release, policy, rows, noise }: ReleaseToBuyerParameters,
): Promise<ReplicatedShare> {
  const blocks = release.counts.first.length
  const k = release.valuesPerBlock
  let values = release.values
  let counts = release.counts
  const dp = policy.differentialPrivacy
  if (dp !== undefined) {
    const noisy = await addNoise(session, release, dp.epsilonPerJob, noise)
    values = noisy.values
    counts = noisy.counts
  }
  const ok = await guard(session, counts, {
    minRows: BigInt(policy.minRows),
    rows: BigInt(rows),
    rule: dp !== undefined ? 'noisy' : release.guard,
  })
  const okRing = ok ?? publicConstant(session, 1n, blocks)
  const spread = {
    first: new BigUint64Array(blocks * k),
    second: new BigUint64Array(blocks * k),
  }
  for (let g = 0; g < blocks; g++) {
    spread.first.fill(okRing.first[g]!, g * k, (g + 1) * k)
    spread.second.fill(okRing.second[g]!, g * k, (g + 1) * k)
  }
  const kept = ok === undefined ? values : await multiply(session, values, spread)
  const parts: ReplicatedShare[] = []
  for (let g = 0; g < blocks; g++) {
    parts.push(slice(kept, g * k, (g + 1) * k))
    parts.push(slice(okRing, g, g + 1))
  }
  return outputToReceiver(session, concat(parts))
}

/**
 * The guard bits, injected into the ring (0/1 per block), or undefined when every block passes
 * for sure (cells with minRows 1: every count is 0 or at least 1).
 */
async function guard(
  session: Session,
  counts: ReplicatedShare,
  {
    minRows,
    rows,
    rule,
  }: { minRows: bigint; rows: bigint; rule: 'statistics' | 'cells' | 'noisy' },
): Promise<ReplicatedShare | undefined> {
  const blocks = counts.first.length
  if (blocks === 0) return counts
  const party = session.partyIndex
  let ok: BooleanShare
  if (rule === 'noisy') {
    // count − minRows ≥ 0 on the full width: noise is not bounded by the row count.
    ok = notBits(await mostSignificantBit(session, shiftedBy(session, counts, minRows)), party)
  } else if (rule === 'cells' && minRows === 1n) {
    return undefined
  } else if (minRows === 1n) {
    const width = magnitudeWidth(0n, rows)
    ok = notBits(await isZero(session, counts, { width }), party)
  } else {
    const width = signedWidth(-minRows, rows - minRows)
    const below = await mostSignificantBit(session, shiftedBy(session, counts, minRows), { width })
    if (rule === 'statistics') ok = notBits(below, party)
    else {
      const empty = await isZero(session, counts, { width: magnitudeWidth(0n, rows) })
      // ok = not below, or empty = not (below and not empty).
      ok = notBits(await andBits(session, below, notBits(empty, party)), party)
    }
  }
  return bitToArithmetic(session, ok, blocks)
}

function shiftedBy(session: Session, counts: ReplicatedShare, by: bigint): ReplicatedShare {
  return add(counts, publicConstant(session, -by, counts.first.length))
}

/**
 * Each party's noise for every value and count, input by its owner; the three inputs added.
 * Draws are made by this party only for its own input; the others learn nothing of them.
 */
async function addNoise(
  session: Session,
  release: SecureRelease,
  epsilon: string,
  noise: RandomSource | undefined,
): Promise<{ values: ReplicatedShare; counts: ReplicatedShare }> {
  if (noise === undefined)
    throw new Error('differential privacy needs a noise source at every party')
  const blocks = release.counts.first.length
  const k = release.valuesPerBlock
  const noisyPerBlock = k + (release.countAt === undefined ? 1 : 0)
  const { numerator, denominator } = decimalFraction(epsilon)
  // Noise of scale Δ·m/ε = Δ·m·denominator / numerator for each of the m noisy numbers of a block.
  const scaleOf = (sensitivity: bigint) => ({
    numerator: sensitivity * BigInt(noisyPerBlock) * denominator,
    denominator: numerator,
  })
  const length = blocks * (k + 1)
  const mine = new BigUint64Array(length)
  for (let g = 0; g < blocks; g++) {
    for (let j = 0; j < k; j++)
      mine[g * k + j] = BigInt.asUintN(
        64,
        sampleDiscreteLaplace(noise, scaleOf(release.sensitivity[j]!)),
      )
    mine[blocks * k + g] =
      release.countAt === undefined
        ? BigInt.asUintN(64, sampleDiscreteLaplace(noise, scaleOf(1n)))
        : mine[g * k + release.countAt]!
  }
  const party = session.partyIndex
  const inputs = await Promise.all(
    partyIndices.map((owner: PartyIndex) =>
      inputFromParty(session, owner, owner === party ? mine : length),
    ),
  )
  let total = inputs[0]!
  for (const input of inputs.slice(1)) total = add(total, input)
  return {
    values: add(release.values, slice(total, 0, blocks * k)),
    counts: add(release.counts, slice(total, blocks * k, length)),
  }
}
