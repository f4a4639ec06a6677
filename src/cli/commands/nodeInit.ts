import type { Command } from 'commander'
import { TriadError } from '../../errors/index.ts'
import { initNode, type NodeRecord } from '../../node/initNode.ts'
import { defaultScryptParameters } from '../../node/keystore/keystoreFormat.ts'
import { readKeysPassphrase } from '../../node/readKeysPassphrase.ts'

interface NodeInitOptions {
  deployment: string
  seat: string
  apiUrl: string
  mpcEndpoint: string
  apiListen?: string
  mpcListen?: string
  metricsListen?: string
  committee?: string
  rpcUrl?: string
  encrypt?: boolean
  passphraseEnv?: string
  passphraseFile?: string
  insecurePlainHttp?: boolean
  json?: boolean
}

const defaultPassphraseEnv = 'TRIAD_KEYSTORE_PASSPHRASE'

export function registerNodeInit(node: Command): void {
  node
    .command('init')
    .description(
      "set up a node's folder: fresh keys (0600), one validated config, the record to publish",
    )
    .argument('<dir>', 'the node folder to create (must not hold a node yet)')
    .requiredOption('--deployment <dir>', "the folder holding the market's deployment.json")
    .requiredOption('--seat <0|1|2>', "this node's seat in its committee, agreed with its peers")
    .requiredOption(
      '--api-url <url>',
      'the public HTTPS URL of the API, e.g. https://node0.example.org:8443',
    )
    .requiredOption('--mpc-endpoint <host:port>', 'the public host:port the other nodes dial')
    .option(
      '--api-listen <host:port>',
      'where the API listens (default 0.0.0.0 and the port of --api-url)',
    )
    .option(
      '--mpc-listen <host:port>',
      'where the MPC listener listens (default 0.0.0.0 and the port of --mpc-endpoint)',
    )
    .option(
      '--metrics-listen <host:port>',
      'serve /metrics and /healthz on a separate plain-HTTP listener (a private interface)',
    )
    .option('--committee <id>', 'the committee id, if it is already registered')
    .option('--rpc-url <url>', "your own JSON-RPC endpoint (default: the deployment's)")
    .option('--encrypt', 'encrypt the key file (scrypt + AES-256-GCM) under a passphrase')
    .option(
      '--passphrase-env <name>',
      `the environment variable holding the passphrase (default ${defaultPassphraseEnv})`,
    )
    .option('--passphrase-file <file>', 'a 0600 file holding the passphrase, instead of a variable')
    .option(
      '--insecure-plain-http',
      'serve the API as plain HTTP (a dev market on one machine only)',
    )
    .option('--json', 'print the record as JSON only')
    .addHelpText(
      'after',
      `
Example:
  $ export ${defaultPassphraseEnv}='...'   # from your secret manager
  $ triad node init /var/lib/triad/node --deployment /etc/triad/market --seat 0 \\
      --api-url https://node0.example.org:8443 --mpc-endpoint node0.example.org:7100 --encrypt`,
    )
    .action(async (dir: string, options: NodeInitOptions) => {
      const encryption = options.encrypt ? encryptionOf(options) : undefined
      const result = await initNode({
        dir,
        deploymentDir: options.deployment,
        seat: seatOf(options.seat),
        apiUrl: options.apiUrl,
        mpcEndpoint: options.mpcEndpoint,
        ...(options.apiListen ? { apiListen: listenOf('--api-listen', options.apiListen) } : {}),
        ...(options.mpcListen ? { mpcListen: listenOf('--mpc-listen', options.mpcListen) } : {}),
        ...(options.metricsListen
          ? { metricsListen: listenOf('--metrics-listen', options.metricsListen) }
          : {}),
        ...(options.committee ? { committeeId: committeeOf(options.committee) } : {}),
        ...(options.rpcUrl ? { rpcUrl: options.rpcUrl } : {}),
        ...(options.insecurePlainHttp ? { insecurePlainHttp: true } : {}),
        ...(encryption ? { encryption } : {}),
      })
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result.record, null, 2)}\n`)
        return
      }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      const keystore = encryption
        ? `encrypted: scrypt N=2^${Math.log2(defaultScryptParameters.n)} r=${defaultScryptParameters.r} p=${defaultScryptParameters.p}, AES-256-GCM; passphrase from ${'env' in encryption.source ? `$${encryption.source.env}` : encryption.source.file}`
        : 'in the clear: protect the disk, or re-run with --encrypt'
      say(`Initialised node seat ${result.record.seat} in ${dir}`)
      say(`  config   ${result.configFile}`)
      say(`  keys     ${result.keysFile} (mode 600, ${keystore})`)
      say(`  record   ${result.recordFile}`)
      say('')
      say('Publish this record to the market owner, who registers it in a committee:')
      printRecord(result.record, say)
      say('')
      if (result.config.committeeId === undefined) {
        say('Once the committee is registered, add its id to the config ("committeeId": "<id>"),')
        say('then start the node:')
      } else {
        say('Start the node:')
      }
      say(`  triad node start --config ${result.configFile}`)
    })
}

function printRecord(record: NodeRecord, say: (line: string) => void): void {
  say(`  seat            ${record.seat}`)
  say(`  signer          ${record.signer}`)
  say(`  encryptionKey   ${record.encryptionKey}`)
  say(`  tlsFingerprint  ${record.tlsFingerprint}`)
  say(`  apiUrl          ${record.apiUrl}`)
  say(`  mpcEndpoint     ${record.mpcEndpoint}`)
  say(`  (chain ${record.chainId}, market ${record.market})`)
}

function encryptionOf(options: NodeInitOptions) {
  if (options.passphraseEnv && options.passphraseFile) {
    throw new TriadError('TRIAD_ERR_USAGE', 'Give --passphrase-env or --passphrase-file, not both')
  }
  const source = options.passphraseFile
    ? { file: options.passphraseFile }
    : { env: options.passphraseEnv ?? defaultPassphraseEnv }
  return { source, passphrase: readKeysPassphrase(source, process.env) }
}

function seatOf(raw: string): 0 | 1 | 2 {
  if (raw !== '0' && raw !== '1' && raw !== '2') {
    throw new TriadError('TRIAD_ERR_USAGE', `--seat must be 0, 1 or 2, got ${raw}`, {
      hint: 'The three operators of a committee agree on seats; the committee lists them in order.',
    })
  }
  return Number(raw) as 0 | 1 | 2
}

function committeeOf(raw: string): bigint {
  if (!/^\d{1,78}$/.test(raw)) {
    throw new TriadError('TRIAD_ERR_USAGE', `--committee must be a committee id, got ${raw}`, {
      hint: 'For example: --committee 1',
    })
  }
  return BigInt(raw)
}

function listenOf(flag: string, raw: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(raw)
  const port = match ? Number(match[2]) : Number.NaN
  if (!match || !(port >= 0 && port <= 65_535)) {
    throw new TriadError('TRIAD_ERR_USAGE', `${flag} must be host:port, got ${raw}`, {
      hint: `For example: ${flag} 0.0.0.0:8443`,
    })
  }
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port }
}
