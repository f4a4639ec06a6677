import {
  andBits,
  type BooleanShare,
  bitToArithmetic,
  countBits,
  leastSignificantBit,
  multiply,
  type ReplicatedShare,
  type Session,
  wordsForBits,
} from '../../mpc/index.ts'
import { publicConstant, repeatBits, repeatPadded, segmentSums, slice } from './shares.ts'

/**
 * Secret row selections: `count` masks over the same `rows` rows, each 1 where the row takes
 * part (passes the filter, has its values, belongs to the group) and 0 elsewhere. Missing values
 * and filters never drop a row: they zero its mask, so the work and the messages are the same
 * whatever the data.
 *
 * A mask lives as packed secret bits (cheap to combine: one bit per row per AND) or as ring
 * elements 0/1 (what sums and dot products need), and converts on demand: ring → bits is the
 * lowest bit (a third of a bit per row), bits → ring is bit injection (≈ 10.7 bytes per row).
 * In bits, mask k occupies words [k·w, (k+1)·w), w = ⌈rows/64⌉; in the ring, elements
 * [k·rows, (k+1)·rows).
 */
export class RowMasks {
  readonly session: Session
  readonly rows: number
  /** How many masks. */
  readonly count: number
  /** True for the one public mask "every row", which costs nothing to use. */
  readonly everyRow: boolean
  #bits: BooleanShare | undefined
  #ring: ReplicatedShare | undefined

  private constructor(
    session: Session,
    rows: number,
    count: number,
    everyRow: boolean,
    bits: BooleanShare | undefined,
    ring: ReplicatedShare | undefined,
  ) {
    this.session = session
    this.rows = rows
    this.count = count
    this.everyRow = everyRow
    this.#bits = bits
    this.#ring = ring
  }

  /** The public selection of every row (one mask). */
  static everyRow(session: Session, rows: number): RowMasks {
    return new RowMasks(session, rows, 1, true, undefined, undefined)
  }

  /** Masks as packed bits, `count` × ⌈rows/64⌉ words. */
  static fromBits(session: Session, rows: number, count: number, bits: BooleanShare): RowMasks {
    return new RowMasks(session, rows, count, false, bits, undefined)
  }

  /** Masks as ring elements 0/1, `count` × `rows` elements (an availability mask as stored). */
  static fromRing(session: Session, rows: number, count: number, ring: ReplicatedShare): RowMasks {
    return new RowMasks(session, rows, count, false, undefined, ring)
  }

  /** Words per mask in the packed form. */
  get words(): number {
    return wordsForBits(this.rows)
  }

  /** The masks as packed bits; from the ring form by their lowest bit (one round). */
  async bits(): Promise<BooleanShare> {
    if (this.#bits) return this.#bits
    const stride = this.words * 64
    if (this.everyRow) {
      // Every row: the all-ones public bit vector, held in component x_0.
      const ones = publicConstant(this.session, -1n, this.words)
      this.#bits = ones
      return ones
    }
    const ring = this.#ring!
    const padded = {
      first: new BigUint64Array(this.count * stride),
      second: new BigUint64Array(this.count * stride),
    }
    for (let k = 0; k < this.count; k++) {
      padded.first.set(ring.first.subarray(k * this.rows, (k + 1) * this.rows), k * stride)
      padded.second.set(ring.second.subarray(k * this.rows, (k + 1) * this.rows), k * stride)
    }
    this.#bits = await leastSignificantBit(this.session, padded)
    return this.#bits
  }

  /** The masks as ring elements 0/1; from bits by bit injection (two rounds). */
  async ring(): Promise<ReplicatedShare> {
    if (this.#ring) return this.#ring
    if (this.everyRow) {
      this.#ring = publicConstant(this.session, 1n, this.rows)
      return this.#ring
    }
    const stride = this.words * 64
    const injected = await bitToArithmetic(this.session, this.#bits!, this.count * stride)
    const first = new BigUint64Array(this.count * this.rows)
    const second = new BigUint64Array(this.count * this.rows)
    for (let k = 0; k < this.count; k++) {
      first.set(injected.first.subarray(k * stride, k * stride + this.rows), k * this.rows)
      second.set(injected.second.subarray(k * stride, k * stride + this.rows), k * this.rows)
    }
    this.#ring = { first, second }
    return this.#ring
  }

  /** Mask k in the ring form, as a view. */
  async ringOf(k: number): Promise<ReplicatedShare> {
    return slice(await this.ring(), k * this.rows, (k + 1) * this.rows)
  }

  /**
   * The element-wise AND of two selections. One of them may hold one mask and the other several:
   * the single mask applies to each. Two ring masks multiply (one round, 8 bytes per row);
   * otherwise both go to bits and AND (one round, one bit per row).
   */
  async and(other: RowMasks): Promise<RowMasks> {
    if (this.everyRow) return other
    if (other.everyRow) return this
    const count = Math.max(this.count, other.count)
    if (this.#ring && other.#ring && !this.#bits && !other.#bits) {
      const spread = (masks: RowMasks, ring: ReplicatedShare) =>
        masks.count === count ? ring : repeatPadded(ring, count, this.rows)
      const product = await multiply(
        this.session,
        spread(this, this.#ring),
        spread(other, other.#ring),
      )
      return RowMasks.fromRing(this.session, this.rows, count, product)
    }
    const mine = await this.bits()
    const theirs = await other.bits()
    const spread = (masks: RowMasks, bits: BooleanShare) =>
      masks.count === count ? bits : repeatBits(bits, count)
    const both = await andBits(this.session, spread(this, mine), spread(other, theirs))
    return RowMasks.fromBits(this.session, this.rows, count, both)
  }

  /**
   * How many rows each mask selects: `count` secret counts. Local in the ring form; from bits by
   * a population count (about one bit sent per row) rather than injecting every bit.
   */
  async counts(): Promise<ReplicatedShare> {
    if (this.everyRow) return publicConstant(this.session, BigInt(this.rows), 1)
    if (this.#ring) return segmentSums(this.#ring, this.count, this.rows)
    return countBits(this.session, this.#bits!, {
      segments: this.count,
      wordsPerSegment: this.words,
      bitsPerSegment: this.rows,
    })
  }
}
