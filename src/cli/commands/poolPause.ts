import type { Command } from 'commander'
import { pausePool } from '../../chain/pausePool.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withMarketOptions,
} from '../marketOptions.ts'
import { parsePoolId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerPoolPause(pool: Command): void {
  withAccountOptions(
    withMarketOptions(
      pool
        .command('pause')
        .description(
          'pause a pool you curate: no contributions or jobs until unpaused; money in flight is untouched',
        )
        .argument('<pool>', 'the pool id')
        .option('--json', 'print the transaction as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad pool pause 2 --account dev:curator')
    .action(
      async (rawPoolId: string, options: MarketOptions & AccountOptions & { json?: boolean }) => {
        const poolId = parsePoolId(rawPoolId)
        const market = resolveMarket(options)
        const curator = resolveAccount(options, market)
        const { hash } = await pausePool(curator, { market: market.deployment.market, poolId })
        if (options.json) {
          printJson({ poolId, status: 'paused', transactionHash: hash })
          return
        }
        process.stdout.write(`Pool ${poolId} is paused (tx ${hash})\n`)
      },
    )
}
