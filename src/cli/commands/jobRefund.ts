import type { Command } from 'commander'
import { readJob } from '../../chain/readJob.ts'
import { readPool } from '../../chain/readPool.ts'
import { refundJob } from '../../chain/refundJob.ts'
import { readTokenInfo } from '../../client/readTokenInfo.ts'
import { formatAmount } from '../formatAmount.ts'
import {
  type AccountOptions,
  type MarketOptions,
  withAccountOptions,
  withMarketOptions,
} from '../marketOptions.ts'
import { parseJobId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerJobRefund(job: Command): void {
  withAccountOptions(
    withMarketOptions(
      job
        .command('refund')
        .description(
          "return the price of a job nobody delivered by its deadline to its buyer's credit (anyone may)",
        )
        .argument('<job>', 'the job: pool:sequence (1:0) or its full id')
        .option('--json', 'print the refund as JSON'),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad job refund 2:3 --account dev:buyer

A bridge refunds late jobs by itself; this is for when none does. The buyer then takes the
credit with \`triad withdraw\`.`,
    )
    .action(
      async (rawJobId: string, options: MarketOptions & AccountOptions & { json?: boolean }) => {
        const jobId = parseJobId(rawJobId)
        const market = resolveMarket(options)
        const caller = resolveAccount(options, market)
        const refunded = await refundJob(caller, { market: market.deployment.market, jobId })
        const job = await readJob(caller, { market: market.deployment.market, jobId })
        const pool = await readPool(caller, {
          market: market.deployment.market,
          poolId: job.poolId,
        })
        const token = await readTokenInfo(caller, { token: pool.token })
        if (options.json) {
          printJson({
            jobId,
            buyer: refunded.buyer,
            amount: refunded.amount,
            token,
            transactionHash: refunded.hash,
            gasUsed: refunded.gasUsed,
          })
          return
        }
        const say = (line: string) => process.stdout.write(`${line}\n`)
        say(
          `Refunded job ${job.poolId}:${jobId & 0xffff_ffff_ffff_ffffn}: ${formatAmount(refunded.amount, token)} credited to its buyer ${refunded.buyer}`,
        )
        say(`  tx ${refunded.hash} (${refunded.gasUsed} gas)`)
        say('\nThe buyer withdraws it with: triad withdraw')
      },
    )
}
