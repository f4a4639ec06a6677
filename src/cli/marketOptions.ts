import { type Command, Option } from 'commander'

/** The options every command that talks to a market takes: where the market is. */
export interface MarketOptions {
  state: string
  deployment?: string
  rpcUrl?: string
  bridgeUrl?: string
}

/** The options of a command that signs transactions: whose account. */
export interface AccountOptions {
  account?: string
  keyFile?: string
}

/**
 * Adds the market location options: the state folder of `triad dev` (default `.triad`, or
 * `TRIAD_STATE`), or a deployment file and an RPC URL for any other market.
 *
 * @example
 * withMarketOptions(program.command('pool list'))
 */
export function withMarketOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--state <dir>', 'the folder of a `triad dev` market (its deployment.json)')
        .env('TRIAD_STATE')
        .default('.triad'),
    )
    .addOption(
      new Option(
        '--deployment <path>',
        "another market's deployment.json (or its folder), instead of --state",
      ).env('TRIAD_DEPLOYMENT'),
    )
    .addOption(
      new Option('--rpc-url <url>', "your JSON-RPC endpoint (default: the deployment's)").env(
        'TRIAD_RPC_URL',
      ),
    )
}

/**
 * Adds the account options: a dev account (`--account dev:buyer`, on a dev chain only), a key
 * file (mode 600, one line `0x…`), or else the `TRIAD_PRIVATE_KEY` environment variable.
 *
 * @example
 * withAccountOptions(withMarketOptions(program.command('withdraw')))
 */
export function withAccountOptions(command: Command): Command {
  return command
    .option(
      '--account <dev:role>',
      'a dev account: dev:curator, dev:buyer, dev:seller1 ... or dev:<index> (dev chains only)',
    )
    .option('--key-file <file>', 'a file (mode 600) holding the private key, 0x and 64 hex digits')
}

/** Adds `--bridge-url`: a bridge's status API, for job progress (default: the dev market's). */
export function withBridgeOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--bridge-url <url>',
      "a bridge's status API for progress (default: the dev market's)",
    ).env('TRIAD_BRIDGE_URL'),
  )
}
