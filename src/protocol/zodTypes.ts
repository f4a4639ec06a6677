import { type Address, getAddress, type Hex, isHex } from 'viem'
import { z } from 'zod'

/** 32 bytes as 0x-prefixed hex (a key, a hash, a fingerprint), normalised to lower case. */
export const hex32 = z
  .string()
  .refine((value) => isHex(value) && value.length === 66, '32 bytes of 0x-prefixed hex')
  .transform((value) => value.toLowerCase() as Hex)

/** An EVM address (0x and 40 hex digits, any case), normalised to its EIP-55 checksum form. */
export const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an address: 0x followed by 40 hex digits')
  .transform((value): Address => getAddress(value))

/** A non-negative integer written in decimal digits, kept as a string (ids in API bodies). */
export const decimalString = z.string().regex(/^\d+$/, 'a whole number in decimal digits')

/**
 * A non-negative integer written in decimal digits, parsed to a bigint: block numbers and ids,
 * which JSON numbers cannot hold exactly.
 */
export const decimalBigint = decimalString.transform((value) => BigInt(value))
