import type { Address, Hash, Hex } from 'viem'
import { claim } from '../chain/claim.ts'
import type { TriadClient } from '../chain/createTriadClient.ts'
import { withdraw } from '../chain/withdraw.ts'
import { readEarnings } from './readEarnings.ts'
import type { TokenInfo } from './readTokenInfo.ts'

export interface WithdrawEarningsParameters {
  market: Address
  /** Where to look for contributions from: the market's deployment block. */
  fromBlock: bigint
  /** Tokens to withdraw credits in besides those of the account's pools. */
  tokens?: readonly Address[]
  /** Called after each transaction, for progress output. */
  onProgress?: (
    event:
      | {
          stage: 'claimed'
          poolId: bigint
          commitment: Hex
          token: TokenInfo
          amount: bigint
          hash: Hash
        }
      | { stage: 'withdrawn'; token: TokenInfo; amount: bigint; hash: Hash },
  ) => void
}

export interface WithdrawEarningsReturnType {
  readonly claims: readonly { poolId: bigint; commitment: Hex; amount: bigint; hash: Hash }[]
  readonly withdrawals: readonly { token: TokenInfo; amount: bigint; hash: Hash }[]
}

/**
 * Pays an account everything it has earned: claims each contribution with something to claim
 * (crediting its share of every delivered job that used it), then withdraws each token's whole
 * credit to the account's wallet. With nothing to pay it sends no transaction.
 *
 * @example
 * const { withdrawals } = await withdrawEarnings(seller, { market, fromBlock: deployBlock })
 */
export async function withdrawEarnings(
  client: TriadClient,
  parameters: WithdrawEarningsParameters,
): Promise<WithdrawEarningsReturnType> {
  const { market } = parameters
  const earnings = await readEarnings(client, {
    market,
    fromBlock: parameters.fromBlock,
    ...(parameters.tokens ? { tokens: parameters.tokens } : {}),
  })
  const claims: { poolId: bigint; commitment: Hex; amount: bigint; hash: Hash }[] = []
  const claimedIn = new Map<string, bigint>()
  for (const contribution of earnings.contributions) {
    if (contribution.claimable === 0n) continue
    const { amount, hash } = await claim(client, {
      market,
      poolId: contribution.poolId,
      seller: earnings.account,
      commitment: contribution.commitment,
    })
    const done = { poolId: contribution.poolId, commitment: contribution.commitment, amount, hash }
    claims.push(done)
    const tokenKey = contribution.token.toLowerCase()
    claimedIn.set(tokenKey, (claimedIn.get(tokenKey) ?? 0n) + amount)
    const token = earnings.tokens.find(
      (entry) => entry.token.address.toLowerCase() === contribution.token.toLowerCase(),
    )!.token
    parameters.onProgress?.({ stage: 'claimed', ...done, token })
  }
  const withdrawals: { token: TokenInfo; amount: bigint; hash: Hash }[] = []
  for (const { token, credit } of earnings.tokens) {
    if (credit + (claimedIn.get(token.address.toLowerCase()) ?? 0n) === 0n) continue
    const { amount, hash } = await withdraw(client, { market, token: token.address })
    withdrawals.push({ token, amount, hash })
    parameters.onProgress?.({ stage: 'withdrawn', token, amount, hash })
  }
  return { claims, withdrawals }
}
