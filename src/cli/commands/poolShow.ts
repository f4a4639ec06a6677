import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { knownAlgorithms } from '../../client/knownAlgorithms.ts'
import { readPoolDetails } from '../../client/readPoolDetails.ts'
import { readTokenInfo } from '../../client/readTokenInfo.ts'
import type { ColumnSpec } from '../../protocol/schema/index.ts'
import { formatAmount } from '../formatAmount.ts'
import { type MarketOptions, withMarketOptions } from '../marketOptions.ts'
import { parsePoolId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerPoolShow(pool: Command): void {
  withMarketOptions(
    pool
      .command('show')
      .description(
        'show a pool: its columns, price and split, policy, algorithms and how to call them',
      )
      .argument('<pool>', 'the pool id')
      .option('--json', 'print the pool as JSON'),
  )
    .addHelpText('after', '\nExample:\n  $ triad pool show 1')
    .action(async (rawPoolId: string, options: MarketOptions & { json?: boolean }) => {
      const poolId = parsePoolId(rawPoolId)
      const market = resolveMarket(options)
      const client = createPublicClient({
        chain: triadChain(market.deployment),
        transport: http(market.deployment.rpcUrl),
      })
      const pool = await readPoolDetails(client, {
        market: market.deployment.market,
        poolId,
        fromBlock: market.deployment.deployBlock,
      })
      const token = await readTokenInfo(client, { token: pool.token })
      if (options.json) {
        printJson({ ...pool, schemaURI: undefined, token })
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      const percent = (bps: number) => `${bps / 100}%`
      say(`Pool ${pool.poolId} (${pool.status})`)
      say(`  curator       ${pool.curator}`)
      say(`  committee     ${pool.committeeId} (results need ${pool.threshold} node signatures)`)
      say(
        `  price         ${formatAmount(pool.price, token)} per job: ${percent(pool.sellerBps)} sellers, ${percent(pool.nodeBps)} nodes, ${percent(pool.marketBps)} market`,
      )
      say(
        `  data          ${pool.activeRows} rows from ${pool.activeSellers} sellers (jobs need ${pool.minContributors})`,
      )
      say(
        `  jobs          ${pool.jobCount} so far; deadlines ${pool.minDeadline} s to ${pool.maxDeadline} s`,
      )
      say(`  schema hash   ${pool.schemaHash}`)
      say('  columns')
      for (const column of pool.schema.columns)
        say(`    ${column.name.padEnd(12)} ${describeColumn(column)}`)
      say('  algorithms')
      const manifests = new Map(
        knownAlgorithms().map((known) => [known.id.toLowerCase(), known.manifest]),
      )
      for (const algorithm of pool.algorithms) {
        const manifest = manifests.get(algorithm.id.toLowerCase())
        const params =
          manifest?.params.map(
            (param) => `${param.name}=<${param.columnTypes.join('|')} column>`,
          ) ?? []
        say(`    ${(algorithm.name ?? 'unknown').padEnd(12)} ${algorithm.id}`)
        if (manifest)
          say(
            `    ${''.padEnd(12)} triad buy ${pool.poolId} ${manifest.name} ${params.join(' ')}`.trimEnd(),
          )
      }
    })
}

function describeColumn(column: ColumnSpec): string {
  const nullable = column.nullable ? ', may be empty' : ''
  const description = column.description ? `  (${column.description})` : ''
  switch (column.type) {
    case 'integer':
      return `integer ${column.min}..${column.max}${nullable}${description}`
    case 'fixed':
      return `decimal ${column.min}..${column.max} (${column.fractionalBits} fractional bits)${nullable}${description}`
    case 'boolean':
      return `boolean${nullable}${description}`
    case 'categorical':
      return `one of ${column.values.join(', ')}${nullable}${description}`
  }
}
