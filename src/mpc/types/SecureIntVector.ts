import { TriadError } from '../../errors/index.ts'
import {
  divideByPublic,
  dotProduct,
  equal,
  lessThan,
  maximumOf,
  minimumOf,
  mostSignificantBit,
  multiply,
  outputToReceiver,
  revealToAll,
  type SortByKeyOptions,
  sortByKey,
} from '../protocols/index.ts'
import {
  decodeSigned,
  defaultFractionalBits,
  fixedPointScale,
  ringAdd,
  ringMul,
  ringMulScalar,
  ringNeg,
  ringSub,
  ringSum,
} from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { addPublic, type ReplicatedShare } from '../sharing/index.ts'
import { type PublicInts, publicInts } from './publicVector.ts'
import { SecureBitVector } from './SecureBitVector.ts'
import { SecureFixedVector } from './SecureFixedVector.ts'
import { type Receiver, SecureValue } from './SecureValue.ts'

/**
 * A secret vector of 64-bit integers (a column), held by this party as a replicated share.
 * Arithmetic is mod 2^64; signed values use two's complement.
 *
 * @example
 * const column = SecureIntVector.fromShare(session, inputFromOwner(blob))
 * const forBuyer = await column.sum().revealTo({ kind: 'external', name: 'buyer' })
 */
export class SecureIntVector extends SecureValue {
  protected readonly typeName = 'SecureIntVector'
  readonly #share: ReplicatedShare

  private constructor(session: Session, share: ReplicatedShare) {
    super(session)
    this.#share = share
  }

  /** Wraps this party's share of a vector. */
  static fromShare(session: Session, share: ReplicatedShare): SecureIntVector {
    return new SecureIntVector(session, share)
  }

  /** The number of elements (public). */
  get length(): number {
    return this.#share.first.length
  }

  protected get size(): number {
    return this.length
  }

  /**
   * This party's share, for protocol implementors. It is not the value: it is random on its own.
   * Never log or store it outside the node's share store.
   */
  get share(): ReplicatedShare {
    return this.#share
  }

  /** Element-wise sum. Local. @leakage none */
  add(other: SecureIntVector): SecureIntVector {
    this.assertSameSession(other)
    return new SecureIntVector(this.session, {
      first: ringAdd(this.#share.first, other.#share.first),
      second: ringAdd(this.#share.second, other.#share.second),
    })
  }

  /** Element-wise difference. Local. @leakage none */
  sub(other: SecureIntVector): SecureIntVector {
    this.assertSameSession(other)
    return new SecureIntVector(this.session, {
      first: ringSub(this.#share.first, other.#share.first),
      second: ringSub(this.#share.second, other.#share.second),
    })
  }

  /** Element-wise negation. Local. @leakage none */
  neg(): SecureIntVector {
    return new SecureIntVector(this.session, {
      first: ringNeg(this.#share.first),
      second: ringNeg(this.#share.second),
    })
  }

  /** Adds public integers (one for all elements, or one per element). Local. @leakage none */
  addPublic(value: PublicInts): SecureIntVector {
    const constant = publicInts(value, this.length)
    return new SecureIntVector(
      this.session,
      addPublic(this.#share, this.session.partyIndex, constant),
    )
  }

  /** Multiplies by public integers (one for all, or one per element), mod 2^64. Local. @leakage none */
  mulPublic(value: PublicInts): SecureIntVector {
    const share = this.#share
    if (typeof value === 'bigint' || typeof value === 'number') {
      const [factor] = publicInts(value, 1)
      return new SecureIntVector(this.session, {
        first: ringMulScalar(share.first, factor!),
        second: ringMulScalar(share.second, factor!),
      })
    }
    const factors = publicInts(value, this.length)
    return new SecureIntVector(this.session, {
      first: ringMul(share.first, factors),
      second: ringMul(share.second, factors),
    })
  }

  /**
   * Element-wise product mod 2^64, one round, one ring element sent per party per element.
   *
   * @leakage none
   */
  async mul(other: SecureIntVector): Promise<SecureIntVector> {
    this.assertSameSession(other)
    return new SecureIntVector(
      this.session,
      await multiply(this.session, this.#share, other.#share),
    )
  }

  /**
   * The dot product with another vector mod 2^64, one round, one ring element sent per party
   * whatever the length.
   *
   * @leakage none
   */
  async dot(other: SecureIntVector): Promise<SecureInt> {
    this.assertSameSession(other)
    return SecureInt.fromShare(
      this.session,
      await dotProduct(this.session, this.#share, other.#share),
    )
  }

  /**
   * Divides signed values by a public nonzero integer, one round: ⌊x/d⌋ or ⌈x/d⌉, rounded
   * stochastically (exact when d divides x), except with probability |x|/2^64 per element
   * (`divideByPublic`).
   *
   * @leakage none
   */
  async divPublic(divisor: bigint | number): Promise<SecureIntVector> {
    const d =
      typeof divisor === 'bigint' ? divisor : Number.isSafeInteger(divisor) ? BigInt(divisor) : 0n
    if (d === 0n)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'Cannot divide by this value', {
        details: `divisor ${divisor}`,
        hint: 'Divide integers by a nonzero integer; convert to fixed point for other divisors.',
      })
    const quotient = new SecureIntVector(
      this.session,
      await divideByPublic(this.session, this.#share, d < 0n ? -d : d),
    )
    return d < 0n ? quotient.neg() : quotient
  }

  /** The same values in fixed point with `fractionalBits` bits (x·2^f). Local. @leakage none */
  toFixed(fractionalBits: number = defaultFractionalBits): SecureFixedVector {
    const scale = fixedPointScale(fractionalBits)
    return SecureFixedVector.fromShare(
      this.session,
      {
        first: ringMulScalar(this.#share.first, scale),
        second: ringMulScalar(this.#share.second, scale),
      },
      fractionalBits,
    )
  }

  /**
   * Opens the values (signed) to all three parties. Only where the algorithm's documented leakage
   * allows.
   *
   * @leakage the values, to the parties.
   */
  async reveal(): Promise<BigInt64Array> {
    return decodeSigned(await revealToAll(this.session, this.#share))
  }

  /** The sum of all elements. Local. @leakage none */
  sum(): SecureInt {
    return SecureInt.fromShare(this.session, {
      first: new BigUint64Array([ringSum(this.#share.first)]),
      second: new BigUint64Array([ringSum(this.#share.second)]),
    })
  }

  /**
   * Element-wise x < other as signed 64-bit integers (8 rounds, ≈ 25 bytes per element and party).
   * Exact whenever x − other does not overflow, e.g. for all values in [−2^62, 2^62).
   *
   * @leakage none
   */
  async lessThan(other: SecureIntVector): Promise<SecureBitVector> {
    this.#assertCompatible(other)
    const bits = await lessThan(this.session, this.#share, other.#share)
    return SecureBitVector.fromShare(this.session, bits, this.length)
  }

  /** Element-wise x > other: `other.lessThan(this)`, with the same range. @leakage none */
  greaterThan(other: SecureIntVector): Promise<SecureBitVector> {
    return other.lessThan(this)
  }

  /**
   * Element-wise x = other, exact for all values (7 rounds, ≈ 11 bytes per element and party).
   *
   * @leakage none
   */
  async equals(other: SecureIntVector): Promise<SecureBitVector> {
    this.#assertCompatible(other)
    const bits = await equal(this.session, this.#share, other.#share)
    return SecureBitVector.fromShare(this.session, bits, this.length)
  }

  /** Element-wise x < 0, the sign bit (8 rounds). @leakage none */
  async isNegative(): Promise<SecureBitVector> {
    const bits = await mostSignificantBit(this.session, this.#share)
    return SecureBitVector.fromShare(this.session, bits, this.length)
  }

  /**
   * The smallest element; ⌈log2 n⌉ levels of 11 rounds. Exact when no two elements differ by
   * 2^63 or more. Throws TRIAD_ERR_VECTOR_EMPTY for an empty vector.
   *
   * @leakage none
   */
  async min(): Promise<SecureInt> {
    return SecureInt.fromShare(this.session, await minimumOf(this.session, this.#share))
  }

  /** The largest element; as `min`. @leakage none */
  async max(): Promise<SecureInt> {
    return SecureInt.fromShare(this.session, await maximumOf(this.session, this.#share))
  }

  /**
   * The element at a public position (negative counts from the end), e.g. a median of a sorted
   * vector. Local.
   *
   * @leakage none beyond the position, which is public.
   */
  at(index: number): SecureInt {
    const position = index < 0 ? this.length + index : index
    if (!Number.isInteger(position) || position < 0 || position >= this.length)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The position is outside the vector', {
        details: `position ${index} in a vector of ${this.length} elements`,
      })
    return SecureInt.fromShare(this.session, {
      first: this.#share.first.slice(position, position + 1),
      second: this.#share.second.slice(position, position + 1),
    })
  }

  /**
   * This vector sorted ascending, with each payload column's rows moved along with it (see
   * `sortByKey`: shuffle, then quicksort with opened comparisons of shuffled rows).
   *
   * @leakage the length only: the opened comparisons are those of a uniformly random
   * arrangement under a strict order (ties broken by a hidden index).
   */
  async sortWith(
    payload: readonly SecureIntVector[] = [],
    options: SortByKeyOptions = {},
  ): Promise<{ key: SecureIntVector; payload: SecureIntVector[] }> {
    for (const column of payload) this.#assertCompatible(column)
    const sorted = await sortByKey(
      this.session,
      this.#share,
      payload.map((column) => column.#share),
      options,
    )
    return {
      key: new SecureIntVector(this.session, sorted.key),
      payload: sorted.columns.map((column) => new SecureIntVector(this.session, column)),
    }
  }

  /** This vector sorted ascending; see `sortWith`. @leakage the length only */
  async sort(options: SortByKeyOptions = {}): Promise<SecureIntVector> {
    return (await this.sortWith([], options)).key
  }

  #assertCompatible(other: SecureIntVector): void {
    this.assertSameSession(other)
    if (other.length !== this.length)
      throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'Secure vectors differ in length', {
        details: `${this.length} elements against ${other.length}`,
        hint: 'Element-wise operations need vectors of the same length.',
      })
  }

  /**
   * Reveals the vector to an external receiver: re-randomises it and returns this party's share
   * for the caller to seal to the receiver. One round.
   *
   * @leakage the vector, to `receiver` only.
   */
  revealTo(_receiver: Receiver): Promise<ReplicatedShare> {
    return outputToReceiver(this.session, this.#share)
  }
}

/**
 * One secret 64-bit integer, held as a replicated share of a one-element vector.
 *
 * @example
 * const total = column.sum()
 * const forBuyer = await total.revealTo({ kind: 'external', name: 'buyer' })
 */
export class SecureInt extends SecureValue {
  protected readonly typeName = 'SecureInt'
  protected readonly size = 1
  readonly #share: ReplicatedShare

  private constructor(session: Session, share: ReplicatedShare) {
    super(session)
    this.#share = share
  }

  /** Wraps this party's share of one value (vectors of length 1). */
  static fromShare(session: Session, share: ReplicatedShare): SecureInt {
    if (share.first.length !== 1 || share.second.length !== 1)
      throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'A SecureInt holds one element', {
        details: `the share has ${share.first.length} and ${share.second.length} elements`,
      })
    return new SecureInt(session, share)
  }

  /** This party's share, for protocol implementors; see SecureIntVector.share. */
  get share(): ReplicatedShare {
    return this.#share
  }

  /** The value as a one-element vector, to use the vector operations. */
  toVector(): SecureIntVector {
    return SecureIntVector.fromShare(this.session, this.#share)
  }

  /** Opens the value (signed) to all three parties. @leakage the value, to the parties. */
  async reveal(): Promise<bigint> {
    return (await this.toVector().reveal())[0]!
  }

  /** Local. @leakage none */
  add(other: SecureInt): SecureInt {
    this.assertSameSession(other)
    return new SecureInt(this.session, {
      first: ringAdd(this.#share.first, other.#share.first),
      second: ringAdd(this.#share.second, other.#share.second),
    })
  }

  /** Local. @leakage none */
  sub(other: SecureInt): SecureInt {
    this.assertSameSession(other)
    return new SecureInt(this.session, {
      first: ringSub(this.#share.first, other.#share.first),
      second: ringSub(this.#share.second, other.#share.second),
    })
  }

  /**
   * Reveals the value to an external receiver; returns this party's fresh share to seal.
   *
   * @leakage the value, to `receiver` only.
   */
  revealTo(_receiver: Receiver): Promise<ReplicatedShare> {
    return outputToReceiver(this.session, this.#share)
  }
}
