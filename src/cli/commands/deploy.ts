import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { type Address, createPublicClient, http, isAddress, zeroAddress } from 'viem'
import { decodeTriadError } from '../../chain/decodeTriadError.ts'
import { deployMarket } from '../../chain/deployMarket.ts'
import { deploymentFileName, writeDeployment } from '../../chain/deployment.ts'
import { TriadError } from '../../errors/index.ts'
import { type AccountOptions, withAccountOptions } from '../marketOptions.ts'
import { printJson } from '../printJson.ts'
import { resolveAccount } from '../resolveAccount.ts'

interface DeployOptions extends AccountOptions {
  rpcUrl: string
  out: string
  token?: string
  treasury?: string
  json?: boolean
}

export function registerDeploy(program: Command): void {
  withAccountOptions(
    program
      .command('deploy')
      .description(
        'deploy the market contract (and a test stablecoin unless --token) to any EVM chain; write deployment.json',
      )
      .requiredOption('--rpc-url <url>', 'the JSON-RPC endpoint of the chain')
      .requiredOption(
        '--out <dir>',
        'the folder to write deployment.json into (nodes, bridges and clients read it)',
      )
      .option(
        '--token <address>',
        'an existing ERC-20 token to price pools in (default: deploy TestStablecoin)',
      )
      .option('--treasury <address>', "who receives the market's share (default: the deployer)")
      .option('--json', 'print the deployment as JSON'),
  )
    .addHelpText(
      'after',
      `
Example:
  $ export TRIAD_PRIVATE_KEY=0x...   # the deployer: it owns the market (registers committees)
  $ triad deploy --rpc-url https://sepolia.example.org --token 0x1c7D...7238 --out ./market`,
    )
    .action(async (options: DeployOptions) => {
      const out = resolve(options.out)
      if (existsSync(join(out, deploymentFileName))) {
        throw new TriadError('TRIAD_ERR_USAGE', `${join(out, deploymentFileName)} exists already`, {
          hint: 'A deployment file names a market that others use: choose another --out folder.',
        })
      }
      for (const [flag, value] of [
        ['--token', options.token],
        ['--treasury', options.treasury],
      ] as const) {
        if (value !== undefined && (!isAddress(value) || value === zeroAddress)) {
          throw new TriadError('TRIAD_ERR_USAGE', `${flag} must be an address, got ${value}`)
        }
      }
      let chainId: number
      try {
        chainId = await createPublicClient({ transport: http(options.rpcUrl) }).getChainId()
      } catch (error) {
        throw decodeTriadError(error)
      }
      const deployer = resolveAccount(options, {
        deployment: {
          chainId,
          rpcUrl: options.rpcUrl,
          market: zeroAddress,
          token: zeroAddress,
          deployBlock: 0n,
        },
        market: { chainId, market: zeroAddress },
        stateDir: out,
        dev: undefined,
        bridgeUrl: undefined,
      })
      const deployed = await deployMarket(deployer, {
        ...(options.token ? { token: options.token as Address } : {}),
        ...(options.treasury ? { treasury: options.treasury as Address } : {}),
      })
      const deployment = { ...deployed, rpcUrl: options.rpcUrl }
      const file = writeDeployment(out, deployment)
      if (options.json) {
        printJson({ ...deployment, file })
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      say(`Deployed the market on chain ${chainId}`)
      say(`  market  ${deployed.market} (owner ${deployer.account.address})`)
      say(
        `  token   ${deployed.token}${options.token ? '' : ' (TestStablecoin: anyone can mint; for test chains)'}`,
      )
      say(`  block   ${deployed.deployBlock}`)
      say(`  wrote   ${file}`)
      say('')
      say(
        `Next: each node operator runs \`triad node init <dir> --deployment ${options.out} ...\` (docs/operations.md).`,
      )
    })
}
