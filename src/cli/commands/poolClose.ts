import type { Command } from 'commander'
import { closePool } from '../../chain/closePool.ts'
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

export function registerPoolClose(pool: Command): void {
  withAccountOptions(
    withMarketOptions(
      pool
        .command('close')
        .description(
          'close a pool you curate for good: no more contributions or jobs; pending jobs still settle or refund',
        )
        .argument('<pool>', 'the pool id')
        .option('--json', 'print the transaction as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad pool close 2 --account dev:curator')
    .action(
      async (rawPoolId: string, options: MarketOptions & AccountOptions & { json?: boolean }) => {
        const poolId = parsePoolId(rawPoolId)
        const market = resolveMarket(options)
        const curator = resolveAccount(options, market)
        const { hash } = await closePool(curator, { market: market.deployment.market, poolId })
        if (options.json) {
          printJson({ poolId, status: 'closed', transactionHash: hash })
          return
        }
        process.stdout.write(`Pool ${poolId} is closed (tx ${hash})\n`)
      },
    )
}
