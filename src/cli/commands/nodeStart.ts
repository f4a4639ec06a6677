import type { Command } from 'commander'
import { loadNodeConfig } from '../../node/config.ts'
import { readKeysPassphrase } from '../../node/readKeysPassphrase.ts'
import { startNode } from '../../node/startNode.ts'
import { createServiceLogger } from '../createLogger.ts'
import { runUntilSignal } from '../runUntilSignal.ts'

export function registerNodeStart(node: Command): void {
  node
    .command('start')
    .description('run an MPC node: its seller API, its TLS links to its peers and its job runner')
    .requiredOption(
      '--config <file>',
      'the node configuration (`triad node init` writes <dir>/node.json)',
    )
    .addHelpText('after', '\nExample:\n  $ triad node start --config .triad/node-0/node.json')
    .action(async (options: { config: string }) => {
      const config = loadNodeConfig(options.config)
      const passphrase = config.keysPassphrase
        ? readKeysPassphrase(config.keysPassphrase, process.env)
        : undefined
      const node = await startNode(config, {
        logger: createServiceLogger(`node-${config.index}`),
        ...(passphrase === undefined ? {} : { passphrase }),
      })
      await runUntilSignal(() => node.close())
    })
}
