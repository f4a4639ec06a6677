import { type Address, getAddress } from 'viem'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { readCredits } from '../chain/readCredits.ts'
import { readPool } from '../chain/readPool.ts'
import { listContributions, type SellerContribution } from './listContributions.ts'
import { readTokenInfo, type TokenInfo } from './readTokenInfo.ts'

/** What an account has earned in one token. */
export interface TokenEarnings {
  readonly token: TokenInfo
  /** Credited and withdrawable now. */
  readonly credit: bigint
  /** Earned by its contributions from delivered jobs, not yet claimed (a claim credits it). */
  readonly claimable: bigint
  /** credit + claimable: what `withdrawEarnings` would pay out. */
  readonly total: bigint
}

export interface Earnings {
  readonly account: Address
  readonly tokens: readonly TokenEarnings[]
  readonly contributions: readonly (SellerContribution & { readonly token: Address })[]
}

export interface ReadEarningsParameters {
  market: Address
  /** Whose earnings; default the client's account. */
  account?: Address
  /** Where to look for contributions from: the market's deployment block. */
  fromBlock: bigint
  /** Tokens to read credits in besides those of its contributions' pools (refunds, fees). */
  tokens?: readonly Address[]
}

/**
 * An account's earnings: for each token, its credit (withdrawable now) and what its
 * contributions earned from delivered jobs and have not claimed yet, with the contributions.
 *
 * @example
 * const { tokens } = await readEarnings(seller, { market, fromBlock: deployBlock, tokens: [token] })
 * formatUnits(tokens[0].total, tokens[0].token.decimals)
 */
export async function readEarnings(
  client: TriadReadClient,
  parameters: ReadEarningsParameters,
): Promise<Earnings> {
  const account = parameters.account ?? client.account?.address
  if (!account) throw new TypeError('readEarnings needs an account or a client with an account')
  const contributions = await listContributions(client, {
    market: parameters.market,
    seller: account,
    fromBlock: parameters.fromBlock,
  })
  const poolIds = [...new Set(contributions.map((contribution) => contribution.poolId))]
  const tokenOfPool = new Map(
    await Promise.all(
      poolIds.map(
        async (poolId) =>
          [poolId, (await readPool(client, { market: parameters.market, poolId })).token] as const,
      ),
    ),
  )
  const withTokens = contributions.map((contribution) => ({
    ...contribution,
    token: tokenOfPool.get(contribution.poolId)!,
  }))
  const addresses = [
    ...new Set(
      [...(parameters.tokens ?? []), ...tokenOfPool.values()].map((token) => getAddress(token)),
    ),
  ]
  const tokens = await Promise.all(
    addresses.map(async (address) => {
      const [token, credit] = await Promise.all([
        readTokenInfo(client, { token: address }),
        readCredits(client, { market: parameters.market, account, token: address }),
      ])
      const claimable = withTokens
        .filter((contribution) => getAddress(contribution.token) === address)
        .reduce((total, contribution) => total + contribution.claimable, 0n)
      return { token, credit, claimable, total: credit + claimable }
    }),
  )
  return { account, tokens, contributions: withTokens }
}
