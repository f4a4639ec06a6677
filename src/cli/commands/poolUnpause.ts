import type { Command } from 'commander'
import { unpausePool } from '../../chain/unpausePool.ts'
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

export function registerPoolUnpause(pool: Command): void {
  withAccountOptions(
    withMarketOptions(
      pool
        .command('unpause')
        .description('reopen a pool you paused: it takes contributions and jobs again')
        .argument('<pool>', 'the pool id')
        .option('--json', 'print the transaction as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad pool unpause 2 --account dev:curator')
    .action(
      async (rawPoolId: string, options: MarketOptions & AccountOptions & { json?: boolean }) => {
        const poolId = parsePoolId(rawPoolId)
        const market = resolveMarket(options)
        const curator = resolveAccount(options, market)
        const { hash } = await unpausePool(curator, { market: market.deployment.market, poolId })
        if (options.json) {
          printJson({ poolId, status: 'open', transactionHash: hash })
          return
        }
        process.stdout.write(`Pool ${poolId} is open again (tx ${hash})\n`)
      },
    )
}
