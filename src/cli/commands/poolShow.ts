import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { type KnownAlgorithm, knownAlgorithms } from '../../client/knownAlgorithms.ts'
import { readPoolDetails } from '../../client/readPoolDetails.ts'
import { readTokenInfo } from '../../client/readTokenInfo.ts'
import type { ColumnSpec, PoolSchema } from '../../protocol/schema/index.ts'
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
      const known = new Map(knownAlgorithms().map((entry) => [entry.id.toLowerCase(), entry]))
      const width = Math.max(12, ...pool.algorithms.map((entry) => (entry.name ?? '').length))
      for (const algorithm of pool.algorithms) {
        const entry = known.get(algorithm.id.toLowerCase())
        const usage = entry
          ? `triad buy ${pool.poolId} ${entry.name} ${buyUsage(entry, pool.schema)}`.trimEnd()
          : `${algorithm.id} (not in this client's library)`
        say(`    ${(algorithm.name ?? 'unknown').padEnd(width)} ${usage}`)
      }
    })
}

/**
 * The required parameters of an algorithm as `triad buy` takes them, with this pool's columns
 * that fit each column parameter: `column=<age|income|visits>`, `edges=<numbers>`.
 */
function buyUsage(entry: KnownAlgorithm, schema: PoolSchema): string {
  const jsonSchema = entry.manifest.params as {
    required?: string[]
    properties?: Record<string, { type?: string; items?: { type?: string } }>
  }
  return (jsonSchema.required ?? [])
    .map((name) => {
      const rule = entry.definition.columns.find((candidate) => candidate.param === name)
      const property = jsonSchema.properties?.[name]
      if (rule) {
        const fitting = schema.columns
          .filter((column) => rule.types.includes(column.type))
          .map((column) => column.name)
        return `${name}=<${fitting.join('|') || `a ${rule.types.join('|')} column`}>${property?.type === 'array' ? '[,...]' : ''}`
      }
      if (property?.type === 'array') return `${name}=<list,of,values>`
      return `${name}=<${property?.type ?? 'value'}>`
    })
    .join(' ')
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
