import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { knownAlgorithms } from '../../client/knownAlgorithms.ts'
import { listPools } from '../../client/readPoolDetails.ts'
import { readTokenInfo, type TokenInfo } from '../../client/readTokenInfo.ts'
import { formatAmount } from '../formatAmount.ts'
import { type MarketOptions, withMarketOptions } from '../marketOptions.ts'
import { printJson } from '../printJson.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerPoolList(pool: Command): void {
  withMarketOptions(
    pool
      .command('list')
      .description('list the pools of the market: status, price, rows, sellers, algorithms')
      .option('--json', 'print the pools as JSON'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ triad pool list\n  $ triad pool list --json | jq \'.[] | select(.status == "open")\'',
    )
    .action(async (options: MarketOptions & { json?: boolean }) => {
      const market = resolveMarket(options)
      const client = createPublicClient({
        chain: triadChain(market.deployment),
        transport: http(market.deployment.rpcUrl),
      })
      const pools = await listPools(client, {
        market: market.deployment.market,
        fromBlock: market.deployment.deployBlock,
      })
      const tokens = new Map<string, TokenInfo>()
      for (const pool of pools) {
        if (!tokens.has(pool.token))
          tokens.set(pool.token, await readTokenInfo(client, { token: pool.token }))
      }
      if (options.json) {
        printJson(
          pools.map((pool) => ({
            poolId: pool.poolId,
            status: pool.status,
            price: pool.price,
            token: tokens.get(pool.token),
            rows: pool.activeRows,
            sellers: pool.activeSellers,
            jobs: pool.jobCount,
            columns: pool.schema.columns.map((column) => column.name),
            algorithms: pool.algorithms,
            curator: pool.curator,
          })),
        )
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      if (pools.length === 0) {
        say('No pools yet. Create one: triad pool create --schema FILE --price AMOUNT')
        return
      }
      const libraryNames = new Set(knownAlgorithms().map((algorithm) => algorithm.name))
      const rows = pools.map((pool) => [
        String(pool.poolId),
        pool.status,
        formatAmount(pool.price, tokens.get(pool.token)!),
        String(pool.activeRows),
        String(pool.activeSellers),
        String(pool.jobCount),
        pool.schema.columns.map((column) => column.name).join(','),
        pool.algorithms.length === libraryNames.size &&
        pool.algorithms.every((algorithm) => libraryNames.has(algorithm.name ?? ''))
          ? `all ${libraryNames.size}`
          : pool.algorithms
              .map((algorithm) => algorithm.name ?? algorithm.id.slice(0, 10))
              .join(','),
      ])
      const header = ['POOL', 'STATUS', 'PRICE', 'ROWS', 'SELLERS', 'JOBS', 'COLUMNS', 'ALGORITHMS']
      const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => row[column]!.length)),
      )
      for (const row of [header, ...rows]) {
        say(
          row
            .map((cell, column) => cell.padEnd(widths[column]!))
            .join('  ')
            .trimEnd(),
        )
      }
    })
}
