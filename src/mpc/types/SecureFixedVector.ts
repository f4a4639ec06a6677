import { TriadError } from '../../errors/index.ts'
import {
  divideByPublic,
  divideFixed,
  dotProductsFixed,
  multiplyFixed,
  outputToReceiver,
  reciprocalFixed,
  reshareDivided,
  revealToAll,
  sqrtFixed,
  truncate,
} from '../protocols/index.ts'
import {
  decodeFixed,
  defaultFractionalBits,
  fixedPointScale,
  ringAdd,
  ringNeg,
  ringSub,
  ringSum,
} from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { addPublic, type ReplicatedShare } from '../sharing/index.ts'
import { type PublicReals, publicReals } from './publicVector.ts'
import { SecureIntVector } from './SecureIntVector.ts'
import { type Receiver, SecureValue } from './SecureValue.ts'

/**
 * A secret vector of fixed-point reals (a column), held by this party as a replicated share: the
 * real v is round(v·2^f) in Z_2^64, f fractional bits (default 16; range ±2^(63−f), step 2^−f).
 * Products and divisions round stochastically to the step, in one round each; a product p fails
 * with probability |p|·2^(2f−64) (see `multiplyFixed`), so keep values moderate (|p| < 2^8 gives
 * 2^−24 with f = 16).
 *
 * @example
 * const income = SecureFixedVector.fromShare(session, inputFromOwner(blob))
 * const squares = await income.mul(income)
 * const forBuyer = await squares.sum().revealTo({ kind: 'external', name: 'buyer' })
 */
export class SecureFixedVector extends SecureValue {
  protected readonly typeName = 'SecureFixedVector'
  readonly fractionalBits: number
  readonly #share: ReplicatedShare

  private constructor(session: Session, share: ReplicatedShare, fractionalBits: number) {
    super(session)
    fixedPointScale(fractionalBits)
    this.#share = share
    this.fractionalBits = fractionalBits
  }

  /** Wraps this party's share of a fixed-point vector with `fractionalBits` fractional bits. */
  static fromShare(
    session: Session,
    share: ReplicatedShare,
    fractionalBits: number = defaultFractionalBits,
  ): SecureFixedVector {
    return new SecureFixedVector(session, share, fractionalBits)
  }

  /** The number of elements (public). */
  get length(): number {
    return this.#share.first.length
  }

  protected get size(): number {
    return this.length
  }

  /** This party's share, for protocol implementors; see SecureIntVector.share. */
  get share(): ReplicatedShare {
    return this.#share
  }

  #with(share: ReplicatedShare): SecureFixedVector {
    return new SecureFixedVector(this.session, share, this.fractionalBits)
  }

  #assertCompatible(other: SecureFixedVector): void {
    this.assertSameSession(other)
    if (other.fractionalBits !== this.fractionalBits)
      throw new TriadError(
        'TRIAD_ERR_FIXED_POINT_MISMATCH',
        'Fixed-point vectors with different fractional bits',
        {
          details: `${this.fractionalBits} and ${other.fractionalBits} fractional bits`,
          hint: 'Convert one of them first (toInt, then toFixed with the other number of bits).',
        },
      )
  }

  /** Element-wise sum. Local. @leakage none */
  add(other: SecureFixedVector): SecureFixedVector {
    this.#assertCompatible(other)
    return this.#with({
      first: ringAdd(this.#share.first, other.#share.first),
      second: ringAdd(this.#share.second, other.#share.second),
    })
  }

  /** Element-wise difference. Local. @leakage none */
  sub(other: SecureFixedVector): SecureFixedVector {
    this.#assertCompatible(other)
    return this.#with({
      first: ringSub(this.#share.first, other.#share.first),
      second: ringSub(this.#share.second, other.#share.second),
    })
  }

  /** Element-wise negation. Local. @leakage none */
  neg(): SecureFixedVector {
    return this.#with({ first: ringNeg(this.#share.first), second: ringNeg(this.#share.second) })
  }

  /** Adds public reals (one for all elements, or one per element). Local. @leakage none */
  addPublic(value: PublicReals): SecureFixedVector {
    const constant = publicReals(value, this.length, this.fractionalBits)
    return this.#with(addPublic(this.#share, this.session.partyIndex, constant))
  }

  /**
   * Element-wise product, truncated in the same round (`multiplyFixed`): within one step of the
   * exact product, except with probability |p|·2^(2f−64) per element.
   *
   * @leakage none
   */
  async mul(other: SecureFixedVector): Promise<SecureFixedVector> {
    this.#assertCompatible(other)
    return this.#with(
      await multiplyFixed(this.session, this.#share, other.#share, this.fractionalBits),
    )
  }

  /**
   * Multiplies by public reals: a local product with their encoding, then one round of
   * truncation. Within one step of x·c plus x times the encoding error of c (≤ 2^−f−1 · |x|).
   *
   * @leakage none
   */
  async mulPublic(value: PublicReals): Promise<SecureFixedVector> {
    const constant = publicReals(value, this.length, this.fractionalBits)
    const alpha = this.session.zeroShares(this.length)
    const x0 = this.#share.first
    for (let i = 0; i < alpha.length; i++) alpha[i] = alpha[i]! + x0[i]! * constant[i]!
    return this.#with(
      await reshareDivided(this.session, alpha, fixedPointScale(this.fractionalBits)),
    )
  }

  /**
   * Divides by a public real. An integer divisor is exact up to one step (`divideByPublic`);
   * another divisor multiplies by its reciprocal (`mulPublic`). One round.
   *
   * @throws TriadError TRIAD_ERR_VALUE_OUT_OF_RANGE for 0 or a non-finite divisor.
   * @leakage none
   */
  async divPublic(divisor: number): Promise<SecureFixedVector> {
    if (divisor === 0 || !Number.isFinite(divisor))
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'Cannot divide by this value', {
        details: `divisor ${divisor}`,
      })
    if (!Number.isSafeInteger(divisor)) return this.mulPublic(1 / divisor)
    const quotient = this.#with(
      await divideByPublic(this.session, this.#share, BigInt(Math.abs(divisor))),
    )
    return divisor < 0 ? quotient.neg() : quotient
  }

  /**
   * Element-wise x / other for a positive divisor (`divideFixed`): within a relative 2^(2−f) plus
   * one step; 26 rounds, about 800 bytes per element and party.
   *
   * @leakage none
   */
  async div(other: SecureFixedVector): Promise<SecureFixedVector> {
    this.#assertCompatible(other)
    return this.#with(
      await divideFixed(this.session, this.#share, other.#share, this.fractionalBits),
    )
  }

  /**
   * Element-wise 1/x for positive x (`reciprocalFixed`; 0 gives 0): within a relative 2^(2−f)
   * plus one step; 24 rounds.
   *
   * @leakage none
   */
  async reciprocal(): Promise<SecureFixedVector> {
    return this.#with(await reciprocalFixed(this.session, this.#share, this.fractionalBits))
  }

  /**
   * Element-wise √x for non-negative x (`sqrtFixed`): within a relative 2^(2−f) plus one step;
   * 29 rounds.
   *
   * @leakage none
   */
  async sqrt(): Promise<SecureFixedVector> {
    return this.#with(await sqrtFixed(this.session, this.#share, this.fractionalBits))
  }

  /**
   * The dot product with another vector, truncated once (within one step), one round with one
   * element sent per party whatever the length.
   *
   * @leakage none
   */
  async dot(other: SecureFixedVector): Promise<SecureFixed> {
    this.#assertCompatible(other)
    const share = await dotProductsFixed(
      this.session,
      [[this.#share, other.#share]],
      this.fractionalBits,
    )
    return SecureFixed.fromShare(this.session, share, this.fractionalBits)
  }

  /** The sum of all elements. Local, exact. @leakage none */
  sum(): SecureFixed {
    return SecureFixed.fromShare(
      this.session,
      {
        first: new BigUint64Array([ringSum(this.#share.first)]),
        second: new BigUint64Array([ringSum(this.#share.second)]),
      },
      this.fractionalBits,
    )
  }

  /** The mean: the sum divided by the (public) length, one round. @leakage none */
  async mean(): Promise<SecureFixed> {
    if (this.length === 0)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The mean of no elements')
    const share = await divideByPublic(this.session, this.sum().share, BigInt(this.length))
    return SecureFixed.fromShare(this.session, share, this.fractionalBits)
  }

  /** Rounds to integers, stochastically (⌊x⌋ or ⌈x⌉), in one round. @leakage none */
  async toInt(): Promise<SecureIntVector> {
    return SecureIntVector.fromShare(
      this.session,
      await truncate(this.session, this.#share, this.fractionalBits),
    )
  }

  /**
   * Opens the values to all three parties. Only where the algorithm's documented leakage allows.
   *
   * @leakage the values, to the parties.
   */
  async reveal(): Promise<Float64Array> {
    return decodeFixed(await revealToAll(this.session, this.#share), this.fractionalBits)
  }

  /**
   * Reveals the vector to an external receiver: re-randomises it and returns this party's share
   * for the caller to seal. The receiver decodes with `decodeFixed(…, fractionalBits)`.
   *
   * @leakage the vector, to `receiver` only.
   */
  revealTo(_receiver: Receiver): Promise<ReplicatedShare> {
    return outputToReceiver(this.session, this.#share)
  }
}

/**
 * One secret fixed-point real, held as a replicated share of a one-element vector.
 *
 * @example
 * const total = column.sum()
 * const forBuyer = await total.revealTo({ kind: 'external', name: 'buyer' })
 */
export class SecureFixed extends SecureValue {
  protected readonly typeName = 'SecureFixed'
  protected readonly size = 1
  readonly fractionalBits: number
  readonly #share: ReplicatedShare

  private constructor(session: Session, share: ReplicatedShare, fractionalBits: number) {
    super(session)
    this.#share = share
    this.fractionalBits = fractionalBits
  }

  /** Wraps this party's share of one value (vectors of length 1). */
  static fromShare(
    session: Session,
    share: ReplicatedShare,
    fractionalBits: number = defaultFractionalBits,
  ): SecureFixed {
    if (share.first.length !== 1 || share.second.length !== 1)
      throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'A SecureFixed holds one element', {
        details: `the share has ${share.first.length} and ${share.second.length} elements`,
      })
    fixedPointScale(fractionalBits)
    return new SecureFixed(session, share, fractionalBits)
  }

  /** This party's share, for protocol implementors; see SecureIntVector.share. */
  get share(): ReplicatedShare {
    return this.#share
  }

  /** The value as a one-element vector, to use the vector operations. */
  toVector(): SecureFixedVector {
    return SecureFixedVector.fromShare(this.session, this.#share, this.fractionalBits)
  }

  /** Opens the value to all three parties. @leakage the value, to the parties. */
  async reveal(): Promise<number> {
    return (await this.toVector().reveal())[0]!
  }

  /** Reveals the value to an external receiver. @leakage the value, to `receiver` only. */
  revealTo(_receiver: Receiver): Promise<ReplicatedShare> {
    return outputToReceiver(this.session, this.#share)
  }
}
