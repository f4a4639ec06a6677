import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { readTable } from './index.ts'
import { readTableFile } from './readTableFile.ts'

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/** An error as the `triad` command prints it (see src/cli/formatCliError.ts). */
function printed(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (isTriadError(error)) return `error ${error.code}: ${error.message}`
    throw error
  }
  assert.fail('expected an error')
}

describe('docs/data.md', () => {
  it('shows the validation errors Triad really prints', async () => {
    const schema = parsePoolSchema(
      JSON.parse(readFileSync(root('examples/survey.schema.json'), 'utf8')),
    )
    // Read as `triad sell examples/survey-with-errors.csv` would, from the repository root.
    const file = await readTableFile(root('examples/survey-with-errors.csv'))
    const input = { ...file, source: 'examples/survey-with-errors.csv' }
    const outputs = [
      printed(() => readTable(schema, input)),
      printed(() =>
        readTable(schema, { csv: 'age,income,smokes,region\n1,2,3,4\n', source: 'other.csv' }),
      ),
      printed(() =>
        readTable(schema, {
          csv: 'age,income,smoker,region,visits\n34,"52000.50,false,north,2\n',
          source: 'quotes.csv',
        }),
      ),
      printed(() =>
        parsePoolSchema(
          { version: 2, columns: [{ name: 'income', type: 'fixed', min: '0', max: '10000000' }] },
          'schema.json',
        ),
      ),
    ]
    const doc = readFileSync(root('docs/data.md'), 'utf8')
    const block =
      /<!-- validation-errors:begin -->\n```\n([\s\S]*?)\n```\n<!-- validation-errors:end -->/.exec(
        doc,
      )
    assert.ok(block, 'docs/data.md has the validation-errors block')
    assert.equal(block[1], outputs.join('\n\n'))
  })
})
