import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { roundSteps } from '../../demo/narration.ts'
import { formatTokens, type RoundReport, runSumRound } from '../../demo/runSumRound.ts'
import { startDevnet } from '../../devnet/startDevnet.ts'
import { wholeNumberOption } from '../wholeNumberOption.ts'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run one full market round on a fresh local chain, narrated step by step')
    .option('--sellers <n>', 'number of sellers, 3 to 50', wholeNumberOption('--sellers', 3, 50), 5)
    .option(
      '--state <dir>',
      'where the round keeps its state and logs',
      join(tmpdir(), `triad-demo-${process.pid}`),
    )
    .option('--json', 'print the report as JSON instead of prose')
    .addHelpText('after', '\nExample:\n  $ triad demo --sellers 7')
    .action(async (options: { sellers: number; state: string; json?: boolean }) => {
      const say = options.json ? () => {} : (line: string) => process.stdout.write(`${line}\n`)
      say('Triad demo: one market round on a local chain, every component real.\n')
      const devnet = await startDevnet({
        stateDir: options.state,
        sellers: options.sellers,
        onStep: (message) => say(`  [0 ${roundSteps[0]}] ${message}`),
      })
      try {
        const values = Array.from({ length: options.sellers }, (_, seller) =>
          Array.from({ length: 3 + ((seller * 7) % 5) }, (_, row) =>
            BigInt(((seller + 1) * 1_337 + row * 4_211) % 10_000),
          ),
        )
        let lastStep = -1
        const report = await runSumRound(devnet, {
          values,
          narrate: (step, message) => {
            if (step !== lastStep) say(`\n${step}. ${roundSteps[step]}`)
            lastStep = step
            say(`   ${message}`)
          },
        })
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify(report, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`,
          )
        } else {
          printSummary(report, say)
          say(`\nState and logs: ${devnet.stateDir}`)
        }
        if (report.result !== report.plaintext) process.exitCode = 1
      } finally {
        await devnet.stop()
      }
    })
}

function printSummary(report: RoundReport, say: (line: string) => void): void {
  say('\nResult')
  say(`   sum opened by the buyer: ${report.result}`)
  say(
    `   plaintext sum:           ${report.plaintext}  ${report.result === report.plaintext ? '(equal)' : '(MISMATCH)'}`,
  )
  say('\nBalances (tUSD)')
  for (const line of report.balances) {
    const delta = line.after - line.before
    const sign = delta > 0n ? '+' : ''
    say(
      `   ${line.party.padEnd(9)} ${line.address}  ${line.kind === 'credit' ? 'credit' : 'wallet'} ${`${sign}${formatTokens(delta)}`.padStart(12)}`,
    )
  }
  say(
    `   contract holds after withdrawals: ${formatTokens(report.marketHoldingsAfter)} (rounding dust and node credits)`,
  )
}
