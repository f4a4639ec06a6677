import { TriadError } from '../../errors/index.ts'
import { type BooleanShare, notBits, unpackBits, wordsForBits, xorBits } from '../boolean/index.ts'
import { andBits, bitToArithmetic, openBits, outputToReceiver, select } from '../protocols/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { SecureIntVector } from './SecureIntVector.ts'
import { type Receiver, SecureValue } from './SecureValue.ts'

/**
 * A secret vector of bits (the result of a comparison, a filter mask), held by this party as a
 * replicated XOR share of packed words. XOR and NOT are local; AND and OR cost one round.
 *
 * @example
 * const adults = await ages.greaterThan(seventeen) // SecureBitVector
 * const capped = await adults.select(incomes, zeros)
 */
export class SecureBitVector extends SecureValue {
  protected readonly typeName = 'SecureBitVector'
  readonly #share: BooleanShare
  readonly #length: number

  private constructor(session: Session, share: BooleanShare, length: number) {
    super(session)
    this.#share = share
    this.#length = length
  }

  /** Wraps this party's share of `length` packed bits (⌈length/64⌉ words per component). */
  static fromShare(session: Session, share: BooleanShare, length: number): SecureBitVector {
    const words = wordsForBits(length)
    if (share.first.length !== words || share.second.length !== words)
      throw new TriadError(
        'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
        'The share does not fit the length',
        {
          details: `${share.first.length} and ${share.second.length} words for ${length} bits (${words} words)`,
        },
      )
    return new SecureBitVector(session, share, length)
  }

  /** The number of bits (public). */
  get length(): number {
    return this.#length
  }

  protected get size(): number {
    return this.#length
  }

  /** This party's share, for protocol implementors; random on its own. Never log it. */
  get share(): BooleanShare {
    return this.#share
  }

  /** Element-wise XOR. Local. @leakage none */
  xor(other: SecureBitVector): SecureBitVector {
    this.#assertCompatible(other)
    return new SecureBitVector(this.session, xorBits(this.#share, other.#share), this.#length)
  }

  /** Element-wise NOT. Local. @leakage none */
  not(): SecureBitVector {
    return new SecureBitVector(
      this.session,
      notBits(this.#share, this.session.partyIndex),
      this.#length,
    )
  }

  /** Element-wise AND. One round, one word per 64 bits sent. @leakage none */
  async and(other: SecureBitVector): Promise<SecureBitVector> {
    this.#assertCompatible(other)
    const share = await andBits(this.session, this.#share, other.#share)
    return new SecureBitVector(this.session, share, this.#length)
  }

  /** Element-wise OR: x ⊕ y ⊕ (x AND y). One round. @leakage none */
  async or(other: SecureBitVector): Promise<SecureBitVector> {
    const both = await this.and(other)
    return this.xor(other).xor(both)
  }

  /**
   * Element-wise `bit ? ifOne : ifZero`. Three rounds (see `select`).
   *
   * @leakage none: no party learns which side was chosen.
   */
  async select(ifOne: SecureIntVector, ifZero: SecureIntVector): Promise<SecureIntVector> {
    this.assertSameSession(ifOne)
    this.assertSameSession(ifZero)
    if (ifOne.length !== this.#length || ifZero.length !== this.#length)
      throw lengthMismatch(this.#length, Math.min(ifOne.length, ifZero.length))
    const chosen = await select(this.session, this.#share, ifOne.share, ifZero.share)
    return SecureIntVector.fromShare(this.session, chosen)
  }

  /** The bits as ring elements 0 and 1 (bit injection, two rounds), e.g. to count them. */
  async toIntVector(): Promise<SecureIntVector> {
    const ring = await bitToArithmetic(this.session, this.#share, this.#length)
    return SecureIntVector.fromShare(this.session, ring)
  }

  /**
   * Opens the bits to all three parties: one byte (0 or 1) per bit. One round.
   *
   * @leakage the bits, to every party.
   */
  async reveal(): Promise<Uint8Array> {
    return unpackBits(await openBits(this.session, this.#share), this.#length)
  }

  /**
   * Reveals the bits to an external receiver as ring elements 0 and 1: bit injection, then a
   * fresh arithmetic sharing; returns this party's share for the caller to seal.
   *
   * @leakage the bits, to `receiver` only.
   */
  async revealTo(_receiver: Receiver): Promise<ReplicatedShare> {
    const ring = await bitToArithmetic(this.session, this.#share, this.#length)
    return outputToReceiver(this.session, ring)
  }

  #assertCompatible(other: SecureBitVector): void {
    this.assertSameSession(other)
    if (other.#length !== this.#length) throw lengthMismatch(this.#length, other.#length)
  }
}

function lengthMismatch(expected: number, actual: number): TriadError {
  return new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'Secure vectors differ in length', {
    details: `${expected} elements against ${actual}`,
    hint: 'Element-wise operations need vectors of the same length.',
  })
}
