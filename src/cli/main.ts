import { Command } from 'commander'
import { registerBridgeStart } from './commands/bridgeStart.ts'
import { registerDemo } from './commands/demo.ts'
import { registerDev } from './commands/dev.ts'
import { registerNodeStart } from './commands/nodeStart.ts'
import { formatCliError } from './formatCliError.ts'

const program = new Command('triad')
  .description('Triad: a data market where data is sold without being shown')
  .showHelpAfterError()

registerDemo(program)
registerDev(program)
registerNodeStart(program.command('node').description('run an MPC node'))
registerBridgeStart(program.command('bridge').description('run a bridge (relayer)'))

try {
  await program.parseAsync(process.argv)
} catch (error) {
  console.error(formatCliError(error))
  process.exitCode = 1
}
