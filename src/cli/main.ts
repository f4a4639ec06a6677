import { Command } from 'commander'
import { registerBridgeStart } from './commands/bridgeStart.ts'
import { registerDemo } from './commands/demo.ts'
import { registerDev } from './commands/dev.ts'
import { registerNodeBackup } from './commands/nodeBackup.ts'
import { registerNodeInit } from './commands/nodeInit.ts'
import { registerNodeStart } from './commands/nodeStart.ts'
import { formatCliError } from './formatCliError.ts'

const program = new Command('triad')
  .description('Triad: a data market where data is sold without being shown')
  .showHelpAfterError()

registerDemo(program)
registerDev(program)
const node = program.command('node').description('set up and run an MPC node')
registerNodeInit(node)
registerNodeStart(node)
registerNodeBackup(node)
registerBridgeStart(program.command('bridge').description('run a bridge (relayer)'))

try {
  await program.parseAsync(process.argv)
} catch (error) {
  console.error(formatCliError(error))
  process.exitCode = 1
}
