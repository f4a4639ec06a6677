import type { Command } from 'commander'
import { loadBridgeConfig } from '../../bridge/config.ts'
import { startBridge } from '../../bridge/startBridge.ts'
import { createServiceLogger } from '../createLogger.ts'
import { runUntilSignal } from '../runUntilSignal.ts'

export function registerBridgeStart(bridge: Command): void {
  bridge
    .command('start')
    .description('run a bridge: relay paid jobs to their committee and submit the signed results')
    .requiredOption('--config <file>', 'the bridge configuration (written by `triad dev`)')
    .addHelpText('after', '\nExample:\n  $ triad bridge start --config .triad/bridge/bridge.json')
    .action(async (options: { config: string }) => {
      const bridge = await startBridge(loadBridgeConfig(options.config), {
        logger: createServiceLogger('bridge'),
      })
      await runUntilSignal(() => bridge.close())
    })
}
