import { isAbsolute, relative } from 'node:path'
import type { Command } from 'commander'
import { Option } from 'commander'
import { findKnownAlgorithm } from '../../client/knownAlgorithms.ts'
import type { PaymentMethod } from '../../client/quoteComputation.ts'
import { choosePayment, quoteComputation } from '../../client/quoteComputation.ts'
import { readJobResult } from '../../client/readJobResult.ts'
import { requestComputation } from '../../client/requestComputation.ts'
import { followJob } from '../followJob.ts'
import { formatAmount } from '../formatAmount.ts'
import { formatResult } from '../formatResult.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withBridgeOption,
  withMarketOptions,
} from '../marketOptions.ts'
import { parseAlgorithmParams, parsePoolId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'
import { resolveMarket } from '../resolveMarket.ts'
import { saveResultKey } from '../resultKeys.ts'
import { wholeNumberOption } from '../wholeNumberOption.ts'

interface BuyOptions extends MarketOptions, AccountOptions {
  deadline: number
  pay: 'auto' | PaymentMethod
  quote?: boolean
  wait: boolean
  json?: boolean
}

export function registerBuy(program: Command): void {
  withBridgeOption(
    withAccountOptions(
      withMarketOptions(
        program
          .command('buy')
          .description(
            'pay for a computation over a pool: quote, pay into escrow, wait, open and check the result',
          )
          .argument('<pool>', 'the pool id')
          .argument('<algorithm>', 'an algorithm the pool allows (`triad pool show` lists them)')
          .argument('[params...]', "the algorithm's parameters as name=value (e.g. column=income)")
          .option(
            '--deadline <seconds>',
            'after this long an undelivered job is refunded',
            wholeNumberOption('--deadline', 1, 31_536_000),
            3600,
          )
          .addOption(
            new Option('--pay <how>', 'how to pay the price into escrow')
              .choices(['auto', 'permit', 'approve', 'allowance'])
              .default('auto'),
          )
          .option('--quote', 'only show the price and how it would be paid; pay nothing')
          .option('--no-wait', 'request the job and return; `triad job result` fetches it later')
          .option('--json', 'print the quote, job and result as JSON'),
      ),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad buy 1 sum column=value --account dev:buyer
  $ triad buy 2 sum column=income --quote --account dev:buyer
  $ triad buy 2 histogram column=age edges=18,30,45,60,100 --account dev:buyer
  $ triad buy 2 linearRegression target=visits features=age,smoker --account dev:buyer

Parameters are name=value, read by the algorithm's parameter schema: lists with commas, a value
in brackets or braces as JSON (where='{"column":"age","op":">=","value":40}').
\`triad pool show POOL\` lists what each allowed algorithm takes; docs/algorithms.md has them all.

--pay auto uses your allowance if it covers the price, else an EIP-2612 permit (one
transaction), else an approval first (two). The result key that opens the result is saved
under <state>/jobs/ (mode 600); only it opens the result.`,
    )
    .action(
      async (rawPoolId: string, algorithm: string, rawParams: string[], options: BuyOptions) => {
        const poolId = parsePoolId(rawPoolId)
        const params = parseAlgorithmParams(
          rawParams,
          findKnownAlgorithm(algorithm).manifest.params,
        )
        const market = resolveMarket(options)
        const buyer = resolveAccount(options, market)
        const quote = await quoteComputation(buyer, {
          market: market.deployment.market,
          poolId,
          algorithm,
          params,
        })
        const say = options.json ? () => {} : (line: string) => process.stdout.write(`${line}\n`)
        const amount = (value: bigint) => formatAmount(value, quote.token)
        const payment = choosePayment(quote, options.pay)
        const typed = Object.entries(params)
          .map(([name, value]) => `${name}=${paramText(value)}`)
          .join(' ')
        say(
          `Quote: ${quote.algorithm.name} ${typed} over pool ${poolId} (${quote.rows} rows from ${quote.sellers} sellers)`,
        )
        say(
          `  price    ${amount(quote.price)}: ${amount(quote.split.sellers)} to sellers, ${amount(quote.split.nodes)} to nodes, ${amount(quote.split.market)} to the market`,
        )
        say(`  payment  ${describePayment(payment)}; you hold ${amount(quote.balance)}`)
        const quoteJson = {
          poolId,
          algorithm: { name: quote.algorithm.name, id: quote.algorithm.id },
          params,
          price: quote.price,
          token: quote.token,
          split: quote.split,
          balance: quote.balance,
          allowance: quote.allowance,
          permit: quote.permit,
          payment,
          rows: quote.rows,
          sellers: quote.sellers,
        }
        if (options.quote) {
          if (options.json) printJson({ quote: quoteJson })
          return
        }
        const request = await requestComputation(buyer, {
          market: market.market,
          poolId,
          algorithmId: quote.algorithm.id,
          params,
          deadlineSeconds: BigInt(options.deadline),
          payment: options.pay,
        })
        const keyFile = saveResultKey(
          market.stateDir,
          market.market,
          request.jobId,
          request.resultKey,
        )
        const jobRef = `${poolId}:${request.sequence}`
        say(`Job ${jobRef} requested (id ${request.jobId}): ${amount(request.price)} in escrow`)
        say(
          `  paid     ${describePayment(request.payment)}; tx ${request.hash} (${request.gasUsed} gas)`,
        )
        say(
          `  deadline ${new Date(Number(request.deadline) * 1000).toISOString()} (then refundable)`,
        )
        say(`  key      ${displayPath(keyFile)} (opens the result; keep it)`)
        const jobJson = {
          jobId: request.jobId,
          job: jobRef,
          transactionHash: request.hash,
          gasUsed: request.gasUsed,
          payment: request.payment,
          transactions: request.transactions,
          deadline: request.deadline,
          resultKeyFile: keyFile,
        }
        if (!options.wait) {
          say(`\nFollow it: triad job status ${jobRef}; open it: triad job result ${jobRef}`)
          if (options.json) printJson({ quote: quoteJson, job: jobJson })
          return
        }
        const follow = followJob({ quiet: options.json ?? false })
        const opened = await readJobResult(buyer, {
          market: market.market,
          jobId: request.jobId,
          resultKey: request.resultKey,
          fromBlock: request.blockNumber,
          ...(market.bridgeUrl ? { bridgeUrl: market.bridgeUrl } : {}),
          onProgress: follow.onProgress,
        })
        follow.stop('delivered')
        if (options.json) {
          printJson({
            quote: quoteJson,
            job: jobJson,
            result: opened.result,
            delivery: { attempt: opened.attempt, transactionHash: opened.transactionHash },
          })
          return
        }
        const [headline, ...fields] = formatResult(opened.result.description, opened.result.value)
        say(`Result of job ${jobRef}: ${headline}`)
        for (const line of fields) say(line)
        say(
          `  opened the 3 sealed shares from attempt ${opened.attempt}, checked they agree (delivered in tx ${opened.transactionHash})`,
        )
      },
    )
}

/** A parameter value as it would be typed: a list with commas, anything else but text as JSON. */
function paramText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
    return value.join(',')
  return JSON.stringify(value)
}

/** A path as the user would type it: relative to the working folder when inside it. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown
}

function describePayment(payment: PaymentMethod): string {
  switch (payment) {
    case 'allowance':
      return 'from your allowance, 1 transaction'
    case 'permit':
      return 'with an EIP-2612 permit, 1 transaction'
    case 'approve':
      return 'approve, then request: 2 transactions'
  }
}
