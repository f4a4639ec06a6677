import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { TriadError } from '../errors/index.ts'
import type { TableInput } from './readTable.ts'

/**
 * Reads a data file for a contribution (Node only; browsers pass the text to `readTable`).
 * `.csv` is CSV, `.tsv` tab-separated, `.json` a JSON array of row objects; `format` overrides
 * the extension. The file is named in every later message.
 *
 * @throws TriadError TRIAD_ERR_DATA_MALFORMED when the file cannot be read or its format is not
 * known.
 * @example
 * const data = await readTableFile('examples/patients.csv')
 * await contributeRows(seller, { market, poolId, data })
 */
export async function readTableFile(
  path: string,
  options: { format?: 'csv' | 'tsv' | 'json' } = {},
): Promise<TableInput> {
  const format = options.format ?? extname(path).slice(1).toLowerCase()
  if (format !== 'csv' && format !== 'tsv' && format !== 'json') {
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `Cannot tell the format of ${path}`, {
      details: `extension "${extname(path)}"`,
      hint: 'Name the file .csv, .tsv or .json, or give the format.',
    })
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_DATA_MALFORMED', `Cannot read ${path}`, {
      details: (cause as Error).message,
      hint: 'Check the path and that the file is readable.',
      cause,
    })
  }
  if (format === 'json') return { json: text, source: path }
  return { csv: text, source: path, delimiter: format === 'tsv' ? '\t' : ',' }
}
