import { Command } from 'commander'
import { registerBridgeStart } from './commands/bridgeStart.ts'
import { registerBuy } from './commands/buy.ts'
import { registerContributions } from './commands/contributions.ts'
import { registerDemo } from './commands/demo.ts'
import { registerDeploy } from './commands/deploy.ts'
import { registerDev } from './commands/dev.ts'
import { registerEarnings } from './commands/earnings.ts'
import { registerJobRefund } from './commands/jobRefund.ts'
import { registerJobResult } from './commands/jobResult.ts'
import { registerJobStatus } from './commands/jobStatus.ts'
import { registerNodeBackup } from './commands/nodeBackup.ts'
import { registerNodeInit } from './commands/nodeInit.ts'
import { registerNodeStart } from './commands/nodeStart.ts'
import { registerPoolClose } from './commands/poolClose.ts'
import { registerPoolCreate } from './commands/poolCreate.ts'
import { registerPoolList } from './commands/poolList.ts'
import { registerPoolPause } from './commands/poolPause.ts'
import { registerPoolShow } from './commands/poolShow.ts'
import { registerPoolUnpause } from './commands/poolUnpause.ts'
import { registerRevoke } from './commands/revoke.ts'
import { registerSell } from './commands/sell.ts'
import { registerWithdraw } from './commands/withdraw.ts'

/**
 * The `triad` command with every subcommand registered, not yet parsed (tests read its help).
 */
export function buildProgram(): Command {
  const program = new Command('triad')
    .description('Triad: a data market where data is sold without being shown')
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
A first round on this machine (run \`triad dev\` in another terminal first):
  $ triad pool create --schema examples/survey.schema.json --price 25 --account dev:curator
  $ triad sell 2 examples/survey.csv --account dev:seller1
  $ triad buy 2 sum column=visits --account dev:buyer
  $ triad withdraw --account dev:seller1`,
    )

  registerDemo(program)
  registerDev(program)
  registerDeploy(program)
  const pool = program
    .command('pool')
    .description('create, list, show, pause, unpause and close pools')
  registerPoolCreate(pool)
  registerPoolList(pool)
  registerPoolShow(pool)
  registerPoolPause(pool)
  registerPoolUnpause(pool)
  registerPoolClose(pool)
  registerSell(program)
  registerContributions(program)
  registerRevoke(program)
  registerBuy(program)
  const job = program
    .command('job')
    .description('follow a job, open its result, refund it when late')
  registerJobStatus(job)
  registerJobResult(job)
  registerJobRefund(job)
  registerEarnings(program)
  registerWithdraw(program)
  const node = program.command('node').description('set up and run an MPC node')
  registerNodeInit(node)
  registerNodeStart(node)
  registerNodeBackup(node)
  registerBridgeStart(program.command('bridge').description('run a bridge (relayer)'))
  return program
}
