import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { readJobResult } from '../../client/readJobResult.ts'
import { followJob } from '../followJob.ts'
import { formatResult } from '../formatResult.ts'
import { type MarketOptions, withBridgeOption, withMarketOptions } from '../marketOptions.ts'
import { parseJobId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveMarket } from '../resolveMarket.ts'
import { loadResultKey } from '../resultKeys.ts'

interface JobResultOptions extends MarketOptions {
  resultKey?: string
  wait: boolean
  json?: boolean
}

export function registerJobResult(job: Command): void {
  withBridgeOption(
    withMarketOptions(
      job
        .command('result')
        .description(
          "open a job's result with its saved key: check the nodes' shares agree, decode",
        )
        .argument('<job>', 'the job: pool:sequence (1:0) or its full id')
        .option(
          '--result-key <file>',
          'the key `triad buy` saved (default <state>/jobs/<id>.key.json)',
        )
        .option('--no-wait', 'fail at once if the job has no result yet, instead of waiting')
        .option('--json', 'print the result as JSON'),
    ),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ triad job result 1:0\n  $ triad job result 1:0 --json | jq .result.value',
    )
    .action(async (rawJobId: string, options: JobResultOptions) => {
      const jobId = parseJobId(rawJobId)
      const market = resolveMarket(options)
      const key = loadResultKey({
        stateDir: market.stateDir,
        market: market.market,
        jobId,
        ...(options.resultKey ? { path: options.resultKey } : {}),
      })
      const client = createPublicClient({
        chain: triadChain(market.deployment),
        transport: http(market.deployment.rpcUrl),
      })
      const follow = followJob({ quiet: (options.json ?? false) || !options.wait })
      const opened = await readJobResult(client, {
        market: market.market,
        jobId,
        resultKey: key,
        fromBlock: market.deployment.deployBlock,
        wait: options.wait,
        ...(market.bridgeUrl ? { bridgeUrl: market.bridgeUrl } : {}),
        onProgress: follow.onProgress,
      })
      follow.stop('delivered')
      const jobRef = `${opened.request.poolId}:${opened.request.sequence}`
      if (options.json) {
        printJson({
          job: jobRef,
          jobId,
          result: opened.result,
          values: opened.values,
          attempt: opened.attempt,
          transactionHash: opened.transactionHash,
        })
        return
      }
      const [headline, ...fields] = formatResult(opened.result.description, opened.result.value)
      process.stdout.write(`Result of job ${jobRef}: ${headline}\n`)
      for (const line of fields) process.stdout.write(`${line}\n`)
      process.stdout.write(
        `  opened the 3 sealed shares from attempt ${opened.attempt}, checked they agree (delivered in tx ${opened.transactionHash})\n`,
      )
    })
}
