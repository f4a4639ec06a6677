import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { readEarnings } from '../../client/readEarnings.ts'
import { formatAmount } from '../formatAmount.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withMarketOptions,
} from '../marketOptions.ts'
import { printJson } from '../printJson.ts'
import { resolveAddress } from '../resolveAddress.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerEarnings(program: Command): void {
  withAccountOptions(
    withMarketOptions(
      program
        .command('earnings')
        .description(
          'show what your contributions earned: credited, not yet claimed, per contribution',
        )
        .option('--address <address>', 'whose earnings (default: the account given)')
        .option('--json', 'print the earnings as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad earnings --account dev:seller1')
    .action(
      async (options: MarketOptions & AccountOptions & { address?: string; json?: boolean }) => {
        const market = resolveMarket(options)
        const account = resolveAddress(options, market)
        const client = createPublicClient({
          chain: triadChain(market.deployment),
          transport: http(market.deployment.rpcUrl),
        })
        const earnings = await readEarnings(client, {
          market: market.deployment.market,
          account,
          fromBlock: market.deployment.deployBlock,
          tokens: [market.deployment.token],
        })
        if (options.json) {
          printJson(earnings)
          return
        }
        const say = (line: string) => process.stdout.write(`${line}\n`)
        say(`Earnings of ${account}`)
        for (const { token, credit, claimable, total } of earnings.tokens) {
          say(
            `  ${formatAmount(total, token)} to withdraw: ${formatAmount(claimable, token)} earned by contributions, ${formatAmount(credit, token)} already credited`,
          )
        }
        if (earnings.contributions.length > 0) say('  contributions')
        for (const contribution of earnings.contributions) {
          const token = earnings.tokens.find(
            (entry) => entry.token.address.toLowerCase() === contribution.token.toLowerCase(),
          )!.token
          const state = contribution.active
            ? 'active'
            : `revoked from job ${contribution.revokedAt}`
          say(
            `    pool ${contribution.poolId} #${contribution.index}: ${contribution.rows} rows, ${state}, ${formatAmount(contribution.claimable, token)} unclaimed`,
          )
        }
        if (earnings.tokens.some((entry) => entry.total > 0n)) say('\nWithdraw it: triad withdraw')
      },
    )
}
