import { TriadError } from '../../errors/index.ts'
import { outputToReceiver } from '../protocols/index.ts'
import { ringAdd, ringSub, ringSum } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
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

  /** The sum of all elements. Local. @leakage none */
  sum(): SecureInt {
    return SecureInt.fromShare(this.session, {
      first: new BigUint64Array([ringSum(this.#share.first)]),
      second: new BigUint64Array([ringSum(this.#share.second)]),
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
