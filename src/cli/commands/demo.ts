import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { roundSteps } from '../../demo/narration.ts'
import {
  type DataRoundReport,
  type DemoQuestion,
  formatTokens,
  runDataRound,
} from '../../demo/runDataRound.ts'
import {
  readSeattleWeather,
  seattleWeatherSchema,
  seattleWeatherSource,
} from '../../demo/seattleWeather.ts'
import { startDevnet } from '../../devnet/startDevnet.ts'
import { printJson } from '../printJson.ts'
import { wholeNumberOption } from '../wholeNumberOption.ts'

/** The buyer's questions about Seattle's weather, each a job of its own. */
const questions: readonly DemoQuestion[] = [
  {
    title: 'What was the mean daily high in Seattle, 2012 to 2015?',
    algorithm: 'sum',
    params: { column: 'temp_max' },
    answer: (result, rows) =>
      `mean daily high = ${(Number(result.value) / rows).toFixed(2)} °C over ${rows} days`,
  },
  {
    title: 'How much rain and snow fell in those four years?',
    algorithm: 'sum',
    params: { column: 'precipitation' },
    answer: (result, rows) =>
      `${Number(result.value).toFixed(1)} mm in ${rows} days, ${((Number(result.value) / rows) * 365.25).toFixed(0)} mm a year`,
  },
  {
    title: 'What was the mean wind speed?',
    algorithm: 'sum',
    params: { column: 'wind' },
    answer: (result, rows) => `mean wind = ${(Number(result.value) / rows).toFixed(2)} m/s`,
  },
]

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run a full market round on real open data (Seattle weather, vega-datasets), narrated step by step',
    )
    .option('--sellers <n>', 'number of sellers, 3 to 50', wholeNumberOption('--sellers', 3, 50), 5)
    .option(
      '--state <dir>',
      'where the round keeps its state and logs',
      join(tmpdir(), `triad-demo-${process.pid}`),
    )
    .option('--json', 'print the report as JSON instead of prose')
    .addHelpText(
      'after',
      `
Example:
  $ triad demo --sellers 7

The 1,461 days of seattle-weather.csv are split among the sellers; the buyer asks three
questions, each a paid job, and every answer is checked against the plaintext.`,
    )
    .action(async (options: { sellers: number; state: string; json?: boolean }) => {
      const say = options.json ? () => {} : (line: string) => process.stdout.write(`${line}\n`)
      say('Triad demo: a market round on real open data, every component real.\n')
      const devnet = await startDevnet({
        stateDir: options.state,
        sellers: options.sellers,
        onStep: (message) => say(`  [0 ${roundSteps[0]}] ${message}`),
      })
      try {
        const days = readSeattleWeather()
        say(
          `  [0 ${roundSteps[0]}] data: ${days.length} days of ${seattleWeatherSource}, split among ${options.sellers} sellers`,
        )
        const weights = Array.from(
          { length: options.sellers },
          (_, seller) => 3 + ((seller * 7) % 5),
        )
        const total = weights.reduce((sum, weight) => sum + weight, 0)
        let start = 0
        const sellerRows = weights.map((weight, seller) => {
          const end =
            seller === weights.length - 1
              ? days.length
              : start + Math.round((days.length * weight) / total)
          const rows = days.slice(start, end)
          start = end
          return rows
        })
        let lastStep = -1
        const report = await runDataRound(devnet, {
          schema: seattleWeatherSchema,
          source: seattleWeatherSource,
          sellerRows,
          questions,
          onQuestion: (index, question) => {
            say(`\nQuestion ${index + 1}: ${question.title}`)
            lastStep = -1
          },
          narrate: (step, message) => {
            if (step !== lastStep) say(`\n${step}. ${roundSteps[step]}`)
            lastStep = step
            say(`   ${message}`)
          },
        })
        if (options.json) printJson(report)
        else {
          printSummary(report, say)
          say(`\nState and logs: ${devnet.stateDir}`)
        }
        if (report.questions.some((question) => !question.equal)) process.exitCode = 1
      } finally {
        await devnet.stop()
      }
    })
}

function printSummary(report: DataRoundReport, say: (line: string) => void): void {
  say('\nAnswers (opened by the buyer; plaintext computed from the same rows)')
  for (const [index, question] of report.questions.entries()) {
    say(`   ${index + 1}. ${question.title}`)
    say(
      `      job ${question.job}, ${formatTokens(question.price)} tUSD: ${question.result.description} = ${question.result.value}, plaintext ${question.plaintext} ${question.equal ? '(equal)' : '(MISMATCH)'}`,
    )
    say(`      ${question.answer}`)
  }
  say('\nBalances (tUSD)')
  for (const line of report.balances) {
    const delta = line.after - line.before
    const sign = delta > 0n ? '+' : ''
    say(
      `   ${line.party.padEnd(9)} ${line.address}  ${line.kind === 'credit' ? 'credit' : 'wallet'} ${`${sign}${formatTokens(delta)}`.padStart(12)}`,
    )
  }
  say(
    `   contract holds after withdrawals: ${formatTokens(report.marketHoldingsAfter)} (node credits and rounding dust)`,
  )
}
