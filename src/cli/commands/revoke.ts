import type { Command } from 'commander'
import { isHex } from 'viem'
import { revokeContribution } from '../../chain/revokeContribution.ts'
import { listContributions } from '../../client/listContributions.ts'
import { TriadError } from '../../errors/index.ts'
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

export function registerRevoke(program: Command): void {
  withAccountOptions(
    withMarketOptions(
      program
        .command('revoke')
        .description(
          'take one of your contributions out of every future job; jobs already paid for still use and pay it',
        )
        .argument('<pool>', 'the pool id')
        .argument(
          '<contribution>',
          'its number in the pool (as `triad sell` and `triad contributions` print it) or its commitment',
        )
        .option('--json', 'print the revocation as JSON'),
    ),
  )
    .addHelpText(
      'after',
      `
Example:
  $ triad revoke 2 0 --account dev:seller1

What the contribution earned stays yours: \`triad withdraw\` pays it, now or later.`,
    )
    .action(
      async (
        rawPoolId: string,
        which: string,
        options: MarketOptions & AccountOptions & { json?: boolean },
      ) => {
        const poolId = parsePoolId(rawPoolId)
        const byCommitment = isHex(which) && which.length === 66
        if (!byCommitment && !/^\d{1,12}$/.test(which)) {
          throw new TriadError(
            'TRIAD_ERR_USAGE',
            `A contribution is its number in the pool or its commitment, got ${which}`,
            { hint: `List yours with \`triad contributions --pool ${poolId}\`.` },
          )
        }
        const market = resolveMarket(options)
        const seller = resolveAccount(options, market)
        const mine = await listContributions(seller, {
          market: market.deployment.market,
          poolId,
          fromBlock: market.deployment.deployBlock,
        })
        const found = mine.find((contribution) =>
          byCommitment
            ? contribution.commitment.toLowerCase() === which.toLowerCase()
            : contribution.index === BigInt(which),
        )
        if (!found) {
          throw new TriadError(
            'TRIAD_ERR_CONTRIBUTION_UNKNOWN',
            `${seller.account.address} has no contribution ${which} in pool ${poolId}`,
            {
              details:
                mine.length === 0
                  ? 'it has no contributions in this pool'
                  : `its contributions there: ${mine.map((contribution) => contribution.index).join(', ')}`,
              hint: 'Only the seller who registered a contribution may revoke it; list yours with `triad contributions`.',
            },
          )
        }
        if (!found.active) {
          throw new TriadError(
            'TRIAD_ERR_CONTRIBUTION_REVOKED',
            `Contribution ${found.index} of pool ${poolId} is already revoked`,
            {
              details: `jobs from ${found.revokedAt} on do not use it`,
              hint: 'Nothing to do; what it earned before stays withdrawable (`triad withdraw`).',
            },
          )
        }
        const revoked = await revokeContribution(seller, {
          market: market.deployment.market,
          poolId,
          commitment: found.commitment,
        })
        if (options.json) {
          printJson({
            poolId,
            contributionId: found.index,
            commitment: found.commitment,
            rows: found.rows,
            revokedAt: revoked.revokedAt,
            transactionHash: revoked.hash,
            gasUsed: revoked.gasUsed,
          })
          return
        }
        const say = (line: string) => process.stdout.write(`${line}\n`)
        say(`Revoked contribution ${found.index} of pool ${poolId} (${found.rows} rows)`)
        say(
          `  jobs ${revoked.revokedAt} and later do not use it; jobs before still do and pay you for it`,
        )
        say(`  tx   ${revoked.hash} (${revoked.gasUsed} gas)`)
      },
    )
}
