import type { Command } from 'commander'
import { backupNodeStore } from '../../node/backupNodeStore.ts'
import { loadNodeConfig } from '../../node/config.ts'

export function registerNodeBackup(node: Command): void {
  node
    .command('backup')
    .description("copy a node's SQLite database while it runs (a consistent snapshot, mode 600)")
    .requiredOption('--config <file>', 'the node configuration')
    .requiredOption('--to <file>', 'the backup file to create (never overwritten)')
    .addHelpText(
      'after',
      '\nExample:\n  $ triad node backup --config /var/lib/triad/node/node.json --to /backup/node-$(date +%F).sqlite',
    )
    .action(async (options: { config: string; to: string }) => {
      const config = loadNodeConfig(options.config)
      const backup = await backupNodeStore(config.dataDir, options.to)
      process.stdout.write(
        `Backed up ${backup.uploads} uploads and ${backup.jobs} job attempts to ${backup.file} (${backup.bytes} bytes, integrity ok, mode 600)\n`,
      )
    })
}
