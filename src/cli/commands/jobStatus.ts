import type { Command } from 'commander'
import { createPublicClient, http } from 'viem'
import { triadChain } from '../../chain/createTriadClient.ts'
import { readPool } from '../../chain/readPool.ts'
import { readJobStatus } from '../../client/readJobStatus.ts'
import { readTokenInfo } from '../../client/readTokenInfo.ts'
import { formatAmount } from '../formatAmount.ts'
import { type MarketOptions, withBridgeOption, withMarketOptions } from '../marketOptions.ts'
import { parseJobId } from '../parseArguments.ts'
import { printJson } from '../printJson.ts'
import { resolveMarket } from '../resolveMarket.ts'

export function registerJobStatus(job: Command): void {
  withBridgeOption(
    withMarketOptions(
      job
        .command('status')
        .description(
          "show where a job stands: its request, its state on chain, the bridge's progress",
        )
        .argument('<job>', 'the job: pool:sequence (1:0) or its full id')
        .option('--json', 'print the status as JSON'),
    ),
  )
    .addHelpText('after', '\nExample:\n  $ triad job status 1:0')
    .action(async (rawJobId: string, options: MarketOptions & { json?: boolean }) => {
      const jobId = parseJobId(rawJobId)
      const market = resolveMarket(options)
      const client = createPublicClient({
        chain: triadChain(market.deployment),
        transport: http(market.deployment.rpcUrl),
      })
      const status = await readJobStatus(client, {
        market: market.deployment.market,
        jobId,
        fromBlock: market.deployment.deployBlock,
        ...(market.bridgeUrl ? { bridgeUrl: market.bridgeUrl } : {}),
      })
      const { request } = status
      const jobRef = `${request.poolId}:${request.sequence}`
      if (options.json) {
        printJson({ job: jobRef, ...status })
        return
      }
      const pool = await readPool(client, {
        market: market.deployment.market,
        poolId: request.poolId,
      })
      const token = await readTokenInfo(client, { token: pool.token })
      const say = (line: string) => process.stdout.write(`${line}\n`)
      const state = status.expired ? 'pending, past its deadline (refundable)' : status.state
      say(`Job ${jobRef} (id ${jobId}): ${state}`)
      say(`  buyer      ${request.buyer}`)
      say(
        `  algorithm  ${status.algorithm ?? request.algorithmId} ${paramsText(request.params)}`.trimEnd(),
      )
      say(`  snapshot   ${request.rowsSnapshot} rows from ${request.contributorsSnapshot} sellers`)
      say(
        `  price      ${formatAmount(request.price, token)} (requested in tx ${request.transactionHash})`,
      )
      say(`  deadline   ${new Date(Number(request.deadline) * 1000).toISOString()}`)
      if (status.settlement?.kind === 'delivered') {
        say(
          `  delivered  attempt ${status.settlement.attempt}, seats ${status.settlement.seats.join(', ')} signed; tx ${status.settlement.transactionHash}`,
        )
      } else if (status.settlement?.kind === 'refunded') {
        say(
          `  refunded   ${formatAmount(status.settlement.amount, token)} to the buyer; tx ${status.settlement.transactionHash}`,
        )
      }
      if (status.bridge) {
        const reason = status.bridge.reason ? `; last failure: ${status.bridge.reason}` : ''
        say(`  bridge     ${status.bridge.status} (attempt ${status.bridge.attempt})${reason}`)
      }
    })
}

/** A job's parameter bytes as text: canonical JSON, or nothing. */
function paramsText(params: `0x${string}`): string {
  if (params === '0x') return ''
  const bytes = Uint8Array.from(params.slice(2).match(/../g) ?? [], (pair) =>
    Number.parseInt(pair, 16),
  )
  return new TextDecoder().decode(bytes)
}
