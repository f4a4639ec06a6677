import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { bytesToHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { anvilDefaultMnemonic } from '../src/chain/startAnvil.ts'
import { devRoles } from '../src/devnet/devnetInfo.ts'
import { runTriad, type TriadRun } from './support/runTriad.ts'

const triad = fileURLToPath(new URL('../bin/triad.js', import.meta.url))
const examples = fileURLToPath(new URL('../examples/', import.meta.url))

/** The values of one column of a simple CSV file (no quoted fields), empty cells left out. */
function csvColumn(file: string, name: string): number[] {
  const [header, ...lines] = readFileSync(join(examples, file), 'utf8').trim().split('\n')
  const index = header!.split(',').indexOf(name)
  return lines
    .map((line) => line.split(',')[index]!)
    .filter((cell) => cell !== '')
    .map(Number)
}

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0)

/** The rows the three sellers sell: survey.csv, survey.json and survey-c.csv (age, smoker, visits). */
function surveyRows(): { age: number; smoker: boolean | null; visits: number }[] {
  const fromCsv = (file: string) => {
    const [header, ...lines] = readFileSync(join(examples, file), 'utf8').trim().split('\n')
    const names = header!.split(',')
    return lines.map((line) => {
      const cells = line.split(',')
      const cell = (name: string) => cells[names.indexOf(name)]!
      return {
        age: Number(cell('age')),
        smoker: cell('smoker') === '' ? null : ['true', '1'].includes(cell('smoker')),
        visits: Number(cell('visits')),
      }
    })
  }
  const fromJson = (
    JSON.parse(readFileSync(join(examples, 'survey.json'), 'utf8')) as {
      age: number
      smoker: boolean | null
      visits: number
    }[]
  ).map(({ age, smoker, visits }) => ({ age, smoker, visits }))
  return [...fromCsv('survey.csv'), ...fromJson, ...fromCsv('survey-c.csv')]
}

/** Ordinary least squares: solves (XᵀX) b = Xᵀy by Gaussian elimination with pivoting. */
function leastSquares(x: number[][], y: number[]): number[] {
  const k = x[0]!.length
  const a = Array.from({ length: k }, (_, i) => [
    ...Array.from({ length: k }, (_, j) => x.reduce((sum, row) => sum + row[i]! * row[j]!, 0)),
    x.reduce((sum, row, n) => sum + row[i]! * y[n]!, 0),
  ])
  for (let col = 0; col < k; col++) {
    const pivot = a.reduce(
      (best, row, r) => (r >= col && Math.abs(row[col]!) > Math.abs(a[best]![col]!) ? r : best),
      col,
    )
    ;[a[col], a[pivot]] = [a[pivot]!, a[col]!]
    for (let r = 0; r < k; r++) {
      if (r === col) continue
      const factor = a[r]![col]! / a[col]![col]!
      for (let c = col; c <= k; c++) a[r]![c]! -= factor * a[col]![c]!
    }
  }
  return a.map((row, i) => row[k]! / row[i]!)
}

/** The private key of dev seller `n` (what `--account dev:seller<n>` signs with). */
function devSellerKey(n: number): string {
  const account = mnemonicToAccount(anvilDefaultMnemonic, {
    addressIndex: devRoles.firstSeller + n - 1,
  })
  return bytesToHex(account.getHdKey().privateKey!)
}

/**
 * Every market command as a new user types it, against a market started by `triad dev` (found
 * through its state folder, as the commands find it by default), in one process per command.
 */
describe('triad commands against a `triad dev` market', () => {
  const root = mkdtempSync(join(tmpdir(), 'triad-cli-market-'))
  const state = join(root, 'market')
  let dev: ChildProcess | undefined
  let devOutput = ''
  const triadIn = (args: string[], env: Record<string, string> = {}): Promise<TriadRun> =>
    runTriad(args, { env: { TRIAD_STATE: state, ...env }, timeoutMs: 120_000 })
  const ok = async (args: string[], env: Record<string, string> = {}) => {
    const run = await triadIn(args, env)
    assert.equal(run.code, 0, `triad ${args.join(' ')} failed:\n${run.stderr}\n${run.stdout}`)
    return run
  }
  const json = async <T>(args: string[]) => JSON.parse((await ok([...args, '--json'])).stdout) as T
  const fails = async (args: string[], code: string, env: Record<string, string> = {}) => {
    const run = await triadIn(args, env)
    assert.equal(run.code, 1, `triad ${args.join(' ')} should fail:\n${run.stdout}`)
    assert.match(run.stderr, new RegExp(`^error ${code}: `), run.stderr)
    assert.match(run.stderr, /\nHint: /, 'every user error comes with a hint')
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
    return run
  }

  before(async () => {
    dev = spawn(process.execPath, [triad, 'dev', '--state', state], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    dev.stdout?.on('data', (chunk) => {
      devOutput += chunk
    })
    dev.stderr?.on('data', (chunk) => {
      devOutput += chunk
    })
    const deadline = Date.now() + 120_000
    while (!devOutput.includes('Press Ctrl-C') && Date.now() < deadline) {
      if (dev.exitCode !== null) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    assert.match(devOutput, /Press Ctrl-C/, devOutput)
  })
  after(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once('exit', resolve))
      dev.kill('SIGINT')
      await exited
    }
    rmSync(root, { recursive: true, force: true })
  })

  let poolId = ''
  it('`pool create` makes a pool from a schema file; `pool list` and `pool show` read it', async () => {
    const created = await json<{ poolId: string; schemaHash: string }>([
      'pool',
      'create',
      '--schema',
      join(examples, 'survey.schema.json'),
      '--price',
      '25',
      '--algorithms',
      'sum,linearRegression',
      '--account',
      'dev:curator',
    ])
    poolId = created.poolId
    assert.equal(poolId, '2', 'the dev market has pool 1 already')
    const pools = await json<
      { poolId: string; status: string; price: string; columns: string[] }[]
    >(['pool', 'list'])
    const pool = pools.find((entry) => entry.poolId === poolId)!
    assert.equal(pool.status, 'open')
    assert.equal(pool.price, '25000000')
    assert.deepEqual(pool.columns, ['age', 'income', 'smoker', 'region', 'visits'])
    const shown = await ok(['pool', 'show', poolId])
    assert.match(shown.stdout, /price +25 tUSD per job: 70% sellers, 20% nodes, 10% market/)
    assert.match(shown.stdout, /visits +integer 0\.\.365/)
    assert.match(shown.stdout, /triad buy 2 sum column=<age\|income\|smoker\|visits>/)
    assert.match(
      shown.stdout,
      /triad buy 2 linearRegression target=<age\|income\|smoker\|visits> features=<age\|income\|smoker\|visits>\[,\.\.\.\]/,
    )
    const table = await ok(['pool', 'list'])
    assert.match(table.stdout, /^POOL +STATUS +PRICE/m)
    assert.match(
      table.stdout,
      /^2 +open +25 tUSD +0 +0 +0 +age,income,smoker,region,visits +sum,linearRegression$/m,
    )
    assert.match(table.stdout, /^1 +open +100 tUSD .* all \d+$/m, 'the dev pool allows the library')
  })

  it('`sell` refuses bad files cell by cell, an unknown pool, and sends nothing', async () => {
    const bad = await fails(
      ['sell', poolId, join(examples, 'survey-with-errors.csv'), '--account', 'dev:seller1'],
      'TRIAD_ERR_DATA_INVALID',
    )
    assert.match(bad.stderr, /line 3, age: value 17 is below min 18/, 'out of range')
    assert.match(bad.stderr, /line 4, smoker: 'maybe' is not a boolean/, 'wrong type')
    assert.match(bad.stderr, /line 8, visits: value 400 is above max 365/)
    const malformed = join(root, 'malformed.csv')
    writeFileSync(malformed, 'age,income,smoker,region,visits\n34,"52000,false,north,2\n')
    await fails(['sell', poolId, malformed, '--account', 'dev:seller1'], 'TRIAD_ERR_DATA_MALFORMED')
    const wrongHeader = join(root, 'header.csv')
    writeFileSync(wrongHeader, 'age,income,smokes,region,visits\n34,1,false,north,2\n')
    await fails(
      ['sell', poolId, wrongHeader, '--account', 'dev:seller1'],
      'TRIAD_ERR_DATA_COLUMNS_MISMATCH',
    )
    const unknown = await fails(
      ['sell', '99', join(examples, 'survey.csv'), '--account', 'dev:seller1'],
      'TRIAD_ERR_POOL_UNKNOWN',
    )
    assert.match(unknown.stderr, /Pool 99 does not exist/)
    const pools = await json<{ poolId: string; rows: string }[]>(['pool', 'list'])
    assert.equal(pools.find((entry) => entry.poolId === poolId)!.rows, '0', 'nothing registered')
  })

  it('`sell` contributes CSV and JSON files, with progress on stderr', async () => {
    const first = await ok([
      'sell',
      poolId,
      join(examples, 'survey.csv'),
      '--account',
      'dev:seller1',
    ])
    assert.match(first.stdout, /^Sold 8 rows to pool 2 as contribution 0$/m)
    assert.match(first.stdout, /uploaded +[\d.]+ KiB of sealed shares to 3 nodes, 3 receipts/)
    assert.match(first.stderr, /upload: node \d stored its share \(3\/3\)/)
    const second = await json<{ rows: string; contributionId: string }>([
      'sell',
      poolId,
      join(examples, 'survey.json'),
      '--account',
      'dev:seller2',
    ])
    assert.deepEqual([second.rows, second.contributionId], ['8', '1'])
    // Seller 3 signs with a key file, as a seller outside a dev market would.
    const keyFile = join(root, 'seller3.key')
    writeFileSync(keyFile, `${devSellerKey(3)}\n`, { mode: 0o644 })
    const open = await fails(
      ['sell', poolId, join(examples, 'survey-c.csv'), '--key-file', keyFile],
      'TRIAD_ERR_CONFIG_INVALID',
    )
    assert.match(open.stderr, /readable by others[\s\S]*Hint: Run: chmod 600/)
    const garbled = join(root, 'garbled.key')
    writeFileSync(garbled, '0xnot-a-key\n', { mode: 0o600 })
    await fails(
      ['sell', poolId, join(examples, 'survey-c.csv'), '--key-file', garbled],
      'TRIAD_ERR_ACCOUNT_INVALID',
    )
    chmodSync(keyFile, 0o600)
    const third = await ok(['sell', poolId, join(examples, 'survey-c.csv'), '--key-file', keyFile])
    assert.match(third.stdout, /seller +0x14dC79964da2C08b23698B3D3cc7Ca32193d9955/)
    const pools = await json<{ poolId: string; rows: string; sellers: number }[]>(['pool', 'list'])
    const pool = pools.find((entry) => entry.poolId === poolId)!
    assert.deepEqual([pool.rows, pool.sellers], ['22', 3])
  })

  it('`buy` quotes, refuses what it cannot pay or compute, and pays without spending first', async () => {
    const quote = await json<{ quote: { price: string; payment: string; rows: string } }>([
      'buy',
      poolId,
      'sum',
      'column=visits',
      '--quote',
      '--account',
      'dev:buyer',
    ])
    assert.deepEqual(
      [quote.quote.price, quote.quote.payment, quote.quote.rows],
      ['25000000', 'permit', '22'],
    )
    await fails(
      ['buy', poolId, 'sum', 'column=region', '--account', 'dev:buyer'],
      'TRIAD_ERR_ALGORITHM_INPUT_INVALID',
    )
    await fails(
      ['buy', poolId, 'averageish', 'column=age', '--account', 'dev:buyer'],
      'TRIAD_ERR_ALGORITHM_UNKNOWN',
    )
    await fails(
      ['buy', poolId, 'median', 'column=age', '--account', 'dev:buyer'],
      'TRIAD_ERR_ALGORITHM_NOT_ALLOWED',
    )
    await fails(
      ['buy', '99', 'sum', 'column=age', '--account', 'dev:buyer'],
      'TRIAD_ERR_POOL_UNKNOWN',
    )
    const short = await fails(
      ['buy', poolId, 'sum', 'column=visits', '--pay', 'allowance', '--account', 'dev:buyer'],
      'TRIAD_ERR_ALLOWANCE_TOO_LOW',
    )
    assert.match(short.stderr, /may spend 0 of the buyer's tUSD, less than the price 25000000/)
    const poor = await fails(
      ['buy', poolId, 'sum', 'column=visits', '--account', 'dev:30'],
      'TRIAD_ERR_BALANCE_TOO_LOW',
    )
    assert.match(poor.stderr, /holds 0; pool 2 costs 25000000/)
    await fails(['buy', poolId, 'sum', 'column=visits'], 'TRIAD_ERR_ACCOUNT_INVALID')
    await fails(['buy', poolId, 'sum', 'column=visits'], 'TRIAD_ERR_ACCOUNT_INVALID', {
      TRIAD_PRIVATE_KEY: '0x1234',
    })
    const after = await json<{ quote: { balance: string } }>([
      'buy',
      poolId,
      'sum',
      'column=visits',
      '--quote',
      '--account',
      'dev:buyer',
    ])
    assert.equal(after.quote.balance, '10000000000', 'no refusal cost the buyer anything')
  })

  let jobRef = ''
  it('`buy` pays with a permit in one transaction, waits, opens and checks the result', async () => {
    const run = await ok(['buy', poolId, 'sum', 'column=visits', '--account', 'dev:buyer'])
    const expected =
      total(['survey.csv', 'survey-c.csv'].flatMap((file) => csvColumn(file, 'visits'))) +
      total(
        (
          JSON.parse(readFileSync(join(examples, 'survey.json'), 'utf8')) as { visits: number }[]
        ).map((row) => row.visits),
      )
    assert.match(run.stdout, new RegExp(`^Result of job 2:0: sum of visits = ${expected}$`, 'm'))
    assert.match(run.stdout, /paid +with an EIP-2612 permit, 1 transaction/)
    assert.match(run.stderr, /job: delivered/)
    jobRef = '2:0'
    const keyFile = /key +(\S+\.key\.json)/.exec(run.stdout)![1]!
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)

    const approved = await json<{
      job: { payment: string; transactions: number }
      result: { value: { sum: number } }
    }>(['buy', poolId, 'sum', 'column=income', '--pay', 'approve', '--account', 'dev:buyer'])
    assert.deepEqual([approved.job.payment, approved.job.transactions], ['approve', 2])
    const incomes = [...csvColumn('survey.csv', 'income'), ...csvColumn('survey-c.csv', 'income')]
    const jsonIncomes = (
      JSON.parse(readFileSync(join(examples, 'survey.json'), 'utf8')) as { income: number | null }[]
    ).map((row) => Number(row.income ?? 0))
    assert.ok(Math.abs(approved.result.value.sum - total([...incomes, ...jsonIncomes])) < 0.01)

    // A regression with a list parameter as typed, against least squares on the plain rows.
    const regression = await json<{
      result: {
        value: { count: number; intercept: number; coefficients: { age: number; smoker: number } }
      }
    }>([
      'buy',
      poolId,
      'linearRegression',
      'target=visits',
      'features=age,smoker',
      '--account',
      'dev:buyer',
    ])
    const rows = surveyRows().filter((row) => row.smoker !== null)
    const fitted = leastSquares(
      rows.map((row) => [1, row.age, row.smoker ? 1 : 0]),
      rows.map((row) => row.visits),
    )
    const { value } = regression.result
    assert.equal(value.count, rows.length)
    for (const [got, want] of [
      [value.intercept, fitted[0]!],
      [value.coefficients.age, fitted[1]!],
      [value.coefficients.smoker, fitted[2]!],
    ] as const)
      assert.ok(Math.abs(got - want) < 1e-9 * Math.max(1, Math.abs(want)), `${got} vs ${want}`)
  })

  it('`job status` and `job result` read a delivered job; a wrong or missing key is refused', async () => {
    const status = await ok(['job', 'status', jobRef])
    assert.match(status.stdout, /^Job 2:0 \(id 36893488147419103232\): delivered$/m)
    assert.match(status.stdout, /algorithm +sum \{"column":"visits"\}/)
    assert.match(status.stdout, /delivered +attempt \d+, seats 0, 1, 2 signed/)
    assert.match(status.stdout, /bridge +settled/)
    const result = await json<{ result: { value: { sum: number }; description: string } }>([
      'job',
      'result',
      jobRef,
    ])
    assert.equal(result.result.description, 'sum of visits')
    const viaId = await json<{ result: { value: { sum: number } } }>([
      'job',
      'result',
      '36893488147419103232',
    ])
    assert.deepEqual(viaId.result.value, result.result.value)
    assert.ok(result.result.value.sum > 0)

    const otherKey = join(state, 'jobs', '36893488147419103233.key.json')
    await fails(
      ['job', 'result', jobRef, '--result-key', otherKey],
      'TRIAD_ERR_RESULT_KEY_MISMATCH',
    )
    await fails(['job', 'result', '2:7'], 'TRIAD_ERR_RESULT_KEY_MISSING')
    const forged = join(root, 'forged.key.json')
    const saved = JSON.parse(
      readFileSync(join(state, 'jobs', '36893488147419103232.key.json'), 'utf8'),
    )
    const other = JSON.parse(readFileSync(otherKey, 'utf8'))
    writeFileSync(forged, JSON.stringify({ ...saved, privateKey: other.privateKey }), {
      mode: 0o600,
    })
    await fails(['job', 'result', jobRef, '--result-key', forged], 'TRIAD_ERR_SEAL_OPEN_FAILED')
    await fails(['job', 'status', '2:9'], 'TRIAD_ERR_JOB_UNKNOWN')
  })

  it('`earnings` and `withdraw` pay a seller its share, once', async () => {
    const before = await json<{ tokens: { total: string; claimable: string }[] }>([
      'earnings',
      '--account',
      'dev:seller1',
    ])
    // Three jobs of 25 tUSD, 70% to 22 rows, seller 1 holds 8 of them: 3 × 17.5 × 8/22.
    assert.ok(Math.abs(Number(before.tokens[0]!.total) - 19_090_909) <= 3, before.tokens[0]!.total)
    const paid = await ok(['withdraw', '--account', 'dev:seller1'])
    assert.match(
      paid.stdout,
      /^Withdrew 19\.09090\d tUSD to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc$/m,
    )
    const again = await ok(['withdraw', '--account', 'dev:seller1'])
    assert.match(again.stdout, /^Nothing to withdraw/m)
    const after = await json<{ tokens: { total: string }[] }>([
      'earnings',
      '--account',
      'dev:seller1',
    ])
    assert.equal(after.tokens[0]!.total, '0')
  })

  it('a job nobody delivers by its deadline is reported expired, then refunded', async () => {
    const lock = readFileSync(join(state, 'bridge', 'data', 'bridge.lock'), 'utf8')
    const bridgePid = Number(lock.trim())
    process.kill(bridgePid, 'SIGSTOP')
    let ref: string
    try {
      const bought = await json<{ job: { job: string; jobId: string } }>([
        'buy',
        poolId,
        'sum',
        'column=age',
        '--deadline',
        '60',
        '--no-wait',
        '--account',
        'dev:buyer',
      ])
      ref = bought.job.job
      await fails(['job', 'result', ref, '--no-wait'], 'TRIAD_ERR_JOB_NOT_SETTLED')
      const early = await fails(
        ['job', 'refund', ref, '--account', 'dev:buyer'],
        'TRIAD_ERR_JOB_NOT_EXPIRED',
      )
      assert.match(early.stderr, /Hint: A job can be refunded only once the chain time is past/)
      const deployment = JSON.parse(readFileSync(join(state, 'deployment.json'), 'utf8'))
      for (const [method, params] of [
        ['evm_increaseTime', [120]],
        ['evm_mine', []],
      ] as const) {
        await fetch(deployment.rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        })
      }
      const expired = await fails(['job', 'result', ref], 'TRIAD_ERR_JOB_EXPIRED')
      assert.match(expired.stderr, /not delivered by its deadline/)
      assert.match(expired.stderr, new RegExp(`triad job refund ${BigInt(bought.job.jobId)}`))
      assert.match(
        (await ok(['job', 'status', ref])).stdout,
        /pending, past its deadline \(refundable\)/,
      )
      // No bridge refunds it (it is stopped): anyone may, here a seller.
      const refunded = await ok(['job', 'refund', ref, '--account', 'dev:seller2'])
      assert.match(
        refunded.stdout,
        /^Refunded job 2:\d+: 25 tUSD credited to its buyer 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65$/m,
      )
    } finally {
      process.kill(bridgePid, 'SIGCONT')
    }
    assert.match((await ok(['job', 'status', ref])).stdout, /refunded +25 tUSD to the buyer/)
    await fails(['job', 'refund', ref, '--account', 'dev:buyer'], 'TRIAD_ERR_JOB_NOT_PENDING')
    const back = await ok(['withdraw', '--account', 'dev:buyer'])
    assert.match(back.stdout, /^Withdrew 25 tUSD to 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65$/m)
  })

  it('a seller lists its contributions and revokes one from future jobs; only its own, once', async () => {
    const seller2 = { TRIAD_PRIVATE_KEY: devSellerKey(2) }
    const listed = await ok(['contributions'], seller2)
    assert.match(listed.stdout, /^Contributions of 0x976EA74026E726554dB657fA54763abd0C3a0aa9$/m)
    assert.match(listed.stdout, /^ +2 +1 +8 +active +from job 0 /m)
    const foreign = await fails(
      ['revoke', poolId, '1', '--account', 'dev:seller1'],
      'TRIAD_ERR_CONTRIBUTION_UNKNOWN',
    )
    assert.match(foreign.stderr, /its contributions there: 0/)
    await fails(['revoke', poolId, 'first', '--account', 'dev:seller2'], 'TRIAD_ERR_USAGE')
    const revoked = await ok(['revoke', poolId, '1'], seller2)
    assert.match(revoked.stdout, /^Revoked contribution 1 of pool 2 \(8 rows\)$/m)
    const again = await fails(['revoke', poolId, '1'], 'TRIAD_ERR_CONTRIBUTION_REVOKED', seller2)
    assert.match(again.stderr, /already revoked/)
    const after = await json<{ contributionId: string; active: boolean; revokedAt: string }[]>([
      'contributions',
      '--pool',
      poolId,
      '--address',
      '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
    ])
    assert.equal(after.length, 1)
    assert.equal(after[0]!.active, false)
    assert.equal(after[0]!.revokedAt, '4', 'four jobs were requested before')
    const pools = await json<{ poolId: string; rows: string; sellers: number }[]>(['pool', 'list'])
    const pool = pools.find((entry) => entry.poolId === poolId)!
    assert.deepEqual([pool.rows, pool.sellers], ['14', 2], 'its rows left the pool')
    // Two sellers are left and the pool's jobs need three: the quote says so, nothing is paid.
    const few = await fails(
      ['buy', poolId, 'sum', 'column=visits', '--quote', '--account', 'dev:buyer'],
      'TRIAD_ERR_TOO_FEW_CONTRIBUTORS',
    )
    assert.match(few.stderr, /Pool 2 has 2 active sellers; its jobs need 3/)
    await ok(['sell', poolId, join(examples, 'survey-b.csv'), '--account', 'dev:seller4'])
  })

  it('`pool pause` stops sales and purchases; only the curator may; `pool close` ends the pool', async () => {
    await fails(
      ['pool', 'pause', poolId, '--account', 'dev:seller1'],
      'TRIAD_ERR_CONTRACT_REVERTED',
    )
    await ok(['pool', 'pause', poolId, '--account', 'dev:curator'])
    const paused = await fails(
      ['sell', poolId, join(examples, 'survey-b.csv'), '--account', 'dev:seller4'],
      'TRIAD_ERR_POOL_NOT_OPEN',
    )
    assert.match(paused.stderr, /Pool 2 is paused/)
    await fails(
      ['buy', poolId, 'sum', 'column=age', '--account', 'dev:buyer'],
      'TRIAD_ERR_POOL_NOT_OPEN',
    )
    await ok(['pool', 'unpause', poolId, '--account', 'dev:curator'])
    const reopened = await json<{ quote: { price: string } }>([
      'buy',
      poolId,
      'sum',
      'column=age',
      '--quote',
      '--account',
      'dev:buyer',
    ])
    assert.equal(reopened.quote.price, '25000000')
    await ok(['pool', 'close', poolId, '--account', 'dev:curator'])
    const pools = await json<{ poolId: string; status: string }[]>(['pool', 'list'])
    assert.equal(pools.find((entry) => entry.poolId === poolId)!.status, 'closed')
  })

  it('`deploy` puts a market on any chain; the commands find it with --deployment', async () => {
    const rpcUrl = JSON.parse(readFileSync(join(state, 'deployment.json'), 'utf8')).rpcUrl as string
    const out = join(root, 'second-market')
    const deployed = await json<{ market: string; file: string }>([
      'deploy',
      '--rpc-url',
      rpcUrl,
      '--out',
      out,
      '--account',
      'dev:0',
    ])
    assert.equal(deployed.file, join(out, 'deployment.json'))
    const empty = await ok(['pool', 'list', '--deployment', out])
    assert.match(empty.stdout, /^No pools yet/m)
    await fails(
      ['deploy', '--rpc-url', rpcUrl, '--out', out, '--account', 'dev:0'],
      'TRIAD_ERR_USAGE',
    )
    const elsewhere = join(root, 'mainnet')
    mkdirSync(elsewhere)
    writeFileSync(
      join(elsewhere, 'deployment.json'),
      JSON.stringify({
        ...JSON.parse(readFileSync(join(out, 'deployment.json'), 'utf8')),
        chainId: 1,
      }),
    )
    const refused = await fails(
      ['withdraw', '--deployment', elsewhere, '--account', 'dev:buyer'],
      'TRIAD_ERR_ACCOUNT_INVALID',
    )
    assert.match(refused.stderr, /Dev accounts exist only on a dev chain/)
  })

  it('a command without a market says how to start one', async () => {
    const run = await runTriad(['pool', 'list', '--state', join(root, 'nowhere')])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /^error TRIAD_ERR_DEPLOYMENT_MISSING: No market found in /)
    assert.match(run.stderr, /Hint: Start a local market with `triad dev`/)
  })
})
