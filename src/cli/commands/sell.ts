import type { Command } from 'commander'
import { contributeRows } from '../../client/contributeRows.ts'
import { readTableFile } from '../../table/readTableFile.ts'
import { createProgress } from '../createProgress.ts'
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

export function registerSell(program: Command): void {
  withAccountOptions(
    withMarketOptions(
      program
        .command('sell')
        .description(
          'contribute rows to a pool: validated against its schema, secret-shared, sealed to each node, uploaded, registered',
        )
        .argument('<pool>', 'the pool id')
        .argument('<file>', "the rows: a .csv, .tsv or .json file whose columns are the pool's")
        .option('--json', 'print the contribution as JSON'),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad sell 2 examples/survey.csv --account dev:seller1

Every cell is checked before anything leaves your machine; a bad file is refused with each
problem's file, line, column and rule. No value and no share goes on chain: the chain gets the
row count and a commitment.`,
    )
    .action(
      async (
        rawPoolId: string,
        file: string,
        options: MarketOptions & AccountOptions & { json?: boolean },
      ) => {
        const poolId = parsePoolId(rawPoolId)
        const market = resolveMarket(options)
        const seller = resolveAccount(options, market)
        const data = await readTableFile(file)
        const progress = createProgress({ label: 'upload', total: 4, quiet: options.json ?? false })
        let done = 0
        const contribution = await contributeRows(seller, {
          market: market.market,
          poolId,
          data,
          onProgress: (event) => {
            if (event.stage === 'prepared')
              progress.update(0, `${event.rows} rows valid, shared and sealed`)
            if (event.stage === 'uploaded') {
              done += 1
              progress.update(
                done,
                `node ${event.seat} stored its share (${event.node}/${event.of})`,
              )
            }
            if (event.stage === 'registering') progress.update(3, 'registering on chain')
          },
        })
        progress.stop('registered')
        if (options.json) {
          printJson({
            poolId,
            contributionId: contribution.contributionId,
            rows: contribution.rows,
            commitment: contribution.commitment,
            seller: seller.account.address,
            uploadedBytes: contribution.uploadedBytes,
            transactionHash: contribution.hash,
            gasUsed: contribution.gasUsed,
          })
          return
        }
        const say = (line: string) => process.stdout.write(`${line}\n`)
        say(
          `Sold ${contribution.rows} rows to pool ${poolId} as contribution ${contribution.contributionId}`,
        )
        say(`  seller      ${seller.account.address}`)
        say(`  commitment  ${contribution.commitment}`)
        say(
          `  uploaded    ${formatBytes(contribution.uploadedBytes)} of sealed shares to 3 nodes, 3 receipts`,
        )
        say(`  tx          ${contribution.hash} (${contribution.gasUsed} gas)`)
        say('')
        say(
          'You earn a share of every job that uses these rows: triad earnings, then triad withdraw.',
        )
      },
    )
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
