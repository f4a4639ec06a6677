import type { Command } from 'commander'
import { withdrawEarnings } from '../../client/withdrawEarnings.ts'
import { formatAmount } from '../formatAmount.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withMarketOptions,
} from '../marketOptions.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerWithdraw(program: Command): void {
  withAccountOptions(
    withMarketOptions(
      program
        .command('withdraw')
        .description(
          'claim what your contributions earned and withdraw all your credit to your wallet',
        )
        .option('--json', 'print the claims and withdrawals as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad withdraw --account dev:seller1')
    .action(async (options: MarketOptions & AccountOptions & { json?: boolean }) => {
      const market = resolveMarket(options)
      const account = resolveAccount(options, market)
      const say = options.json ? () => {} : (line: string) => process.stdout.write(`${line}\n`)
      const done = await withdrawEarnings(account, {
        market: market.deployment.market,
        fromBlock: market.deployment.deployBlock,
        tokens: [market.deployment.token],
        onProgress: (event) => {
          if (event.stage === 'claimed')
            say(
              `  claimed pool ${event.poolId} contribution ${event.commitment.slice(0, 10)}…: ${formatAmount(event.amount, event.token)} (tx ${event.hash})`,
            )
          else say(`  withdrew ${formatAmount(event.amount, event.token)} (tx ${event.hash})`)
        },
      })
      if (options.json) {
        printJson(done)
        return
      }
      if (done.withdrawals.length === 0) {
        say(`Nothing to withdraw for ${account.account.address}.`)
        return
      }
      const total = done.withdrawals
        .map((entry) => formatAmount(entry.amount, entry.token))
        .join(', ')
      say(`Withdrew ${total} to ${account.account.address}`)
    })
}
