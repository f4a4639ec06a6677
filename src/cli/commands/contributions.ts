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
import { parsePoolId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveAddress } from '../resolveAddress.ts'
import { resolveMarket } from '../resolveMarket.ts'

interface ContributionsOptions extends MarketOptions, AccountOptions {
  pool?: string
  address?: string
  json?: boolean
}

export function registerContributions(program: Command): void {
  withAccountOptions(
    withMarketOptions(
      program
        .command('contributions')
        .description(
          "list a seller's contributions: pool, number, rows, active or revoked, unclaimed earnings",
        )
        .option('--pool <pool>', "only this pool's")
        .option('--address <address>', 'whose contributions (default: the account given)')
        .option('--json', 'print the contributions as JSON'),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad contributions --account dev:seller1
  $ triad contributions --pool 2 --address 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --json

Take rows out of future jobs with \`triad revoke POOL NUMBER\`.`,
    )
    .action(async (options: ContributionsOptions) => {
      const poolId = options.pool === undefined ? undefined : parsePoolId(options.pool)
      const market = resolveMarket(options)
      const seller = resolveAddress(options, market)
      const client = createPublicClient({
        chain: triadChain(market.deployment),
        transport: http(market.deployment.rpcUrl),
      })
      const earnings = await readEarnings(client, {
        market: market.deployment.market,
        account: seller,
        fromBlock: market.deployment.deployBlock,
      })
      const contributions = earnings.contributions.filter(
        (contribution) => poolId === undefined || contribution.poolId === poolId,
      )
      if (options.json) {
        printJson(
          contributions.map((contribution) => ({
            poolId: contribution.poolId,
            contributionId: contribution.index,
            commitment: contribution.commitment,
            rows: contribution.rows,
            active: contribution.active,
            joinedAt: contribution.joinedAt,
            revokedAt: contribution.revokedAt ?? null,
            claimable: contribution.claimable,
            token: contribution.token,
            transactionHash: contribution.transactionHash,
          })),
        )
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      const where = poolId === undefined ? '' : ` in pool ${poolId}`
      if (contributions.length === 0) {
        say(`${seller} has no contributions${where}. Sell rows with: triad sell POOL FILE`)
        return
      }
      say(`Contributions of ${seller}${where}`)
      const rows = contributions.map((contribution) => {
        const token = earnings.tokens.find(
          (entry) => entry.token.address.toLowerCase() === contribution.token.toLowerCase(),
        )!.token
        return [
          String(contribution.poolId),
          String(contribution.index),
          String(contribution.rows),
          contribution.active ? 'active' : `revoked (jobs from ${contribution.revokedAt})`,
          `from job ${contribution.joinedAt}`,
          formatAmount(contribution.claimable, token),
          `${contribution.commitment.slice(0, 10)}…`,
        ]
      })
      const header = ['POOL', 'NUMBER', 'ROWS', 'STATE', 'USED', 'UNCLAIMED', 'COMMITMENT']
      const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => row[column]!.length)),
      )
      for (const row of [header, ...rows]) {
        say(
          `  ${row
            .map((cell, column) => cell.padEnd(widths[column]!))
            .join('  ')
            .trimEnd()}`,
        )
      }
    })
}
