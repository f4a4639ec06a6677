import type { Command } from 'commander'
import { algorithmCatalog } from '../../algorithms/catalog.ts'
import { createValuePool } from '../../devnet/createValuePool.ts'
import { startDevnet } from '../../devnet/startDevnet.ts'
import { runUntilSignal } from '../runUntilSignal.ts'
import { wholeNumberOption } from '../wholeNumberOption.ts'

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description(
      'run the whole market on this machine until Ctrl-C: chain, contracts, 3 nodes, a bridge',
    )
    .option('--state <dir>', 'the folder for all state and logs (emptied first)', '.triad')
    .option(
      '--sellers <n>',
      'number of funded seller accounts, 1 to 50',
      wholeNumberOption('--sellers', 1, 50),
      5,
    )
    .addHelpText('after', '\nExample:\n  $ triad dev --state .triad')
    .action(async (options: { state: string; sellers: number }) => {
      const say = (line: string) => process.stdout.write(`${line}\n`)
      const devnet = await startDevnet({
        stateDir: options.state,
        sellers: options.sellers,
        onStep: (message) => say(`  ${message}`),
      })
      let poolId: bigint
      try {
        poolId = await createValuePool(devnet)
      } catch (error) {
        await devnet.stop()
        throw error
      }
      say(
        `  pool ${poolId}: column "value" (integer, 0..1000000), every algorithm of the library allowed (${algorithmCatalog.size})`,
      )
      say('\nThe market is running.')
      say(`  RPC          ${devnet.deployment.rpcUrl} (chain ${devnet.deployment.chainId})`)
      say(`  market       ${devnet.deployment.market}`)
      say(`  token (tUSD) ${devnet.deployment.token}`)
      for (const [index, node] of devnet.nodes.entries()) {
        say(`  node ${index}       ${node.apiUrl}  tls ${node.tlsFingerprint}  log ${node.logFile}`)
      }
      say(`  bridge       ${devnet.bridgeUrl}  log ${devnet.bridgeLogFile}`)
      say(`  state        ${devnet.stateDir} (deployment.json, node-*/, bridge/)`)
      say('\nPress Ctrl-C to stop.')
      await runUntilSignal(async () => {
        say('\nStopping bridge, nodes and chain...')
        await devnet.stop()
        say('Stopped.')
      })
    })
}
