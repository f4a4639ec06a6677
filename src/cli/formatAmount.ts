import { formatUnits } from 'viem'
import type { TokenInfo } from '../client/readTokenInfo.ts'

/**
 * A token amount as people read it: `100 tUSD`, `2.8 tUSD`.
 *
 * @example
 * formatAmount(2_800_000n, { symbol: 'tUSD', decimals: 6 }) // '2.8 tUSD'
 */
export function formatAmount(
  amount: bigint,
  token: Pick<TokenInfo, 'symbol' | 'decimals'>,
): string {
  return `${formatUnits(amount, token.decimals)} ${token.symbol}`
}

/** A short form of an address or hash for prose: `0x9965…A4dc`. */
export function shortHex(value: string): string {
  return `${value.slice(0, 6)}…${value.slice(-4)}`
}
