import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { createPoolFromSchema } from '../../client/createPoolFromSchema.ts'
import { findKnownAlgorithm, knownAlgorithms } from '../../client/knownAlgorithms.ts'
import { readTokenInfo } from '../../client/readTokenInfo.ts'
import { cannotReadFile } from '../../config/cannotReadFile.ts'
import { TriadError } from '../../errors/index.ts'
import { formatAmount } from '../formatAmount.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withMarketOptions,
} from '../marketOptions.ts'
import { parseAmount } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'
import { resolveMarket } from '../resolveMarket.ts'
import { wholeNumberOption } from '../wholeNumberOption.ts'

interface PoolCreateOptions extends MarketOptions, AccountOptions {
  schema: string
  price: string
  algorithms: string
  split: string
  minContributors: number
  threshold?: number
  committee?: string
  token?: string
  minDeadline: number
  maxDeadline: number
  json?: boolean
}

export function registerPoolCreate(pool: Command): void {
  withAccountOptions(
    withMarketOptions(
      pool
        .command('create')
        .description('create a pool from a schema file; you become its curator (pause, close)')
        .requiredOption(
          '--schema <file>',
          'the pool schema (docs/data.md), e.g. examples/survey.schema.json',
        )
        .requiredOption('--price <amount>', 'the price of one job, in tokens (e.g. 100)')
        .option(
          '--algorithms <names>',
          'the algorithms buyers may run, comma-separated (mean,histogram,...), or all of the library',
          'sum',
        )
        .option('--split <s/n/m>', 'percent of each price to sellers / nodes / market', '70/20/10')
        .option(
          '--min-contributors <n>',
          'the fewest distinct sellers a job needs',
          wholeNumberOption('--min-contributors', 1, 1000),
          3,
        )
        .option(
          '--threshold <n>',
          'nodes that must sign a result (default: all)',
          wholeNumberOption('--threshold', 2, 3),
        )
        .option('--committee <id>', "the node committee (default: the dev market's)")
        .option('--token <address>', "the payment token (default: the deployment's)")
        .option(
          '--min-deadline <seconds>',
          'the shortest job deadline buyers may ask',
          wholeNumberOption('--min-deadline', 1, 31_536_000),
          60,
        )
        .option(
          '--max-deadline <seconds>',
          'the longest job deadline buyers may ask',
          wholeNumberOption('--max-deadline', 1, 31_536_000),
          86_400,
        )
        .option('--json', 'print the new pool as JSON'),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad pool create --schema examples/survey.schema.json --price 25 --algorithms sum,mean,histogram,linearRegression --account dev:curator
  $ triad pool create --schema examples/survey.schema.json --price 25 --algorithms all --account dev:curator

Each algorithm reveals something beyond its answer (docs/leakage.md): allow the ones your
sellers agree to.`,
    )
    .action(async (options: PoolCreateOptions) => {
      const market = resolveMarket(options)
      const curator = resolveAccount(options, market)
      const token = (options.token ?? market.deployment.token) as `0x${string}`
      const committee = options.committee ?? market.dev?.committeeId.toString()
      if (committee === undefined || !/^\d+$/.test(committee)) {
        throw new TriadError(
          'TRIAD_ERR_USAGE',
          'Which committee serves the pool? Give --committee <id>',
          {
            hint: "The market owner registers committees; ask for your nodes' committee id.",
          },
        )
      }
      let schemaText: string
      try {
        schemaText = readFileSync(options.schema, 'utf8')
      } catch (cause) {
        throw cannotReadFile(
          options.schema,
          'schema file',
          cause,
          'See examples/survey.schema.json.',
        )
      }
      const tokenInfo = await readTokenInfo(curator, { token })
      const algorithms =
        options.algorithms.trim() === 'all'
          ? knownAlgorithms().map((algorithm) => algorithm.name)
          : options.algorithms
              .split(',')
              .map((name) => findKnownAlgorithm(name.trim()).name)
              .filter(Boolean)
      const created = await createPoolFromSchema(curator, {
        market: market.deployment.market,
        schema: schemaText,
        source: options.schema,
        committeeId: BigInt(committee),
        token,
        price: parseAmount('--price', options.price, tokenInfo.decimals),
        split: splitOf(options.split),
        algorithms,
        minContributors: options.minContributors,
        ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
        minDeadline: BigInt(options.minDeadline),
        maxDeadline: BigInt(options.maxDeadline),
      })
      if (options.json) {
        printJson({
          poolId: created.poolId,
          schemaHash: created.schemaHash,
          algorithms: created.algorithmIds,
          transactionHash: created.hash,
          gasUsed: created.gasUsed,
        })
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      say(`Created pool ${created.poolId} (curator ${curator.account.address})`)
      say(
        `  columns     ${created.schema.columns.map((column) => `${column.name} (${column.type})`).join(', ')}`,
      )
      say(
        `  price       ${formatAmount(parseAmount('--price', options.price, tokenInfo.decimals), tokenInfo)} per job, split ${options.split} (sellers/nodes/market %)`,
      )
      say(`  algorithms  ${algorithms.join(', ')}`)
      say(`  schema hash ${created.schemaHash}`)
      say(`  tx          ${created.hash} (${created.gasUsed} gas)`)
      say('')
      say(`Sellers contribute with: triad sell ${created.poolId} <file.csv>`)
    })
}

function splitOf(raw: string): { sellerBps: number; nodeBps: number; marketBps: number } {
  const parts = raw.split('/').map((part) => part.trim())
  const numbers = parts.map((part) =>
    /^\d{1,3}(\.\d{1,2})?$/.test(part) ? Math.round(Number(part) * 100) : Number.NaN,
  )
  const [sellerBps, nodeBps, marketBps] = numbers
  if (
    numbers.length !== 3 ||
    numbers.some((value) => !Number.isInteger(value)) ||
    sellerBps! + nodeBps! + marketBps! !== 10_000
  ) {
    throw new TriadError(
      'TRIAD_ERR_USAGE',
      `--split must be three percentages summing to 100, got ${raw}`,
      {
        hint: 'For example: --split 70/20/10 (sellers / nodes / market).',
      },
    )
  }
  return { sellerBps: sellerBps!, nodeBps: nodeBps!, marketBps: marketBps! }
}
