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

/** The buyer's questions about Seattle's weather, each a job of its own with its own algorithm. */
const questions: readonly DemoQuestion[] = [
  {
    title: 'What was the mean daily high in Seattle, 2012 to 2015?',
    algorithm: 'mean',
    params: { column: 'temp_max' },
    answer: ({ value }) => [
      `mean daily high = ${number(value.mean).toFixed(2)} °C over ${value.count} days`,
    ],
  },
  {
    title: 'How were the daily highs spread?',
    algorithm: 'histogram',
    params: { column: 'temp_max', edges: [-5, 0, 5, 10, 15, 20, 25, 30, 35, 40] },
    answer: ({ value }) => {
      const bins = value.bins as readonly { from: number; to: number; count: number | null }[]
      const most = Math.max(1, ...bins.map((bin) => bin.count ?? 0))
      return [
        ...bins.map(
          (bin) =>
            `${`${bin.from} to ${bin.to} °C`.padEnd(13)} ${bar(bin.count ?? 0, most)} ${bin.count ?? 'suppressed'}`,
        ),
        `days outside the bins: ${value.outside}`,
      ]
    },
  },
  {
    title: "How does a day's high follow its low and its rain?",
    algorithm: 'linearRegression',
    params: { target: 'temp_max', features: ['temp_min', 'precipitation'] },
    answer: ({ value }) => {
      const coefficients = value.coefficients as { temp_min: number; precipitation: number }
      const low = coefficients.temp_min
      const rain = coefficients.precipitation
      return [
        `daily high ≈ ${number(value.intercept).toFixed(2)} + ${low.toFixed(3)} × daily low ${rain < 0 ? '−' : '+'} ${Math.abs(rain).toFixed(3)} × rain (mm), R² = ${number(value.r2).toFixed(3)} over ${value.count} days`,
        `each degree warmer at night, ${low.toFixed(2)} °C warmer by day; each 10 mm of rain, ${Math.abs(rain * 10).toFixed(1)} °C ${rain < 0 ? 'cooler' : 'warmer'}`,
      ]
    },
  },
]

/** A bar of up to 40 blocks, at least a sliver for any count above zero. */
function bar(count: number, most: number): string {
  const blocks = Math.round((count / most) * 40)
  return (blocks === 0 && count > 0 ? '▏' : '█'.repeat(blocks)).padEnd(40)
}

/** A result field that must be a number (a suppressed result would be null). */
function number(value: unknown): number {
  if (typeof value !== 'number') throw new Error(`expected a number in the result, got ${value}`)
  return value
}

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
questions (a mean, a histogram, a regression), each a paid job, and every answer is checked
against the same algorithm's plaintext twin on the same rows.`,
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
        if (report.questions.some((question) => !question.agrees)) process.exitCode = 1
      } finally {
        await devnet.stop()
      }
    })
}

function printSummary(report: DataRoundReport, say: (line: string) => void): void {
  say('\nAnswers (opened by the buyer; plaintext computed from the same rows)')
  for (const [index, question] of report.questions.entries()) {
    say(`   ${index + 1}. ${question.title}`)
    const agreement = question.agrees
      ? question.largestDifference === 0
        ? 'equal to the plaintext twin'
        : `agrees with the plaintext twin to ${question.largestDifference.toExponential(0)}`
      : 'MISMATCH with the plaintext twin'
    say(
      `      job ${question.job}, ${formatTokens(question.price)} tUSD: ${question.result.description}, ${agreement}`,
    )
    for (const line of question.answer) say(`      ${line}`)
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
