import { type Address, isAddress } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { AccountOptions } from './marketOptions.ts'
import { resolveAccount } from './resolveAccount.ts'
import type { ResolvedMarket } from './resolveMarket.ts'

/**
 * Whose records a read command shows: `--address`, else the address of the account given
 * (`--account`, `--key-file`, `TRIAD_PRIVATE_KEY`). Reading needs no key, but a seller's own
 * account is the usual answer.
 *
 * @throws TriadError TRIAD_ERR_USAGE for an --address that is not one;
 * TRIAD_ERR_ACCOUNT_INVALID when neither is given.
 * @example
 * const seller = resolveAddress(options, market) // '0x9965…A4dc'
 */
export function resolveAddress(
  options: AccountOptions & { address?: string },
  market: ResolvedMarket,
): Address {
  if (options.address === undefined) return resolveAccount(options, market).account.address
  if (!isAddress(options.address)) {
    throw new TriadError(
      'TRIAD_ERR_USAGE',
      `--address must be an address, got ${options.address}`,
      {
        hint: 'An address is 0x followed by 40 hex digits.',
      },
    )
  }
  return options.address
}
