import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { TriadError } from '../errors/index.ts'
import { cannotReadFile } from './cannotReadFile.ts'
import { readSecretFile } from './readSecretFile.ts'

export interface LoadJsonFileOptions {
  /** What the file is, for messages: `'node configuration'`. */
  readonly what: string
  /** Where such a file comes from, shown when it is missing. */
  readonly missingHint: string
  /** Where its fields are described, shown when it is malformed. */
  readonly fieldsHint?: string
  /** The file holds a secret: refuse it unless only its owner can read it (see `readSecretFile`). */
  readonly secret?: boolean
}

/**
 * Reads a JSON file and validates it with a zod schema, returning the schema's output. Every
 * failure is a `TRIAD_ERR_CONFIG_INVALID` naming the file: missing or unreadable, not JSON
 * (with the parser's position), or not what the schema wants (each bad field by its path, e.g.
 * `chain.pollIntervalMs: ...`). Never a raw `ENOENT` or `SyntaxError`.
 *
 * @example
 * const config = loadJsonFile('.triad/node-0/node.json', nodeConfigFileSchema, {
 *   what: 'node configuration',
 *   missingHint: '`triad dev` writes one at <state>/node-<i>/node.json.',
 * })
 */
export function loadJsonFile<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: LoadJsonFileOptions,
): z.output<Schema> {
  let text: string
  if (options.secret) {
    text = readSecretFile(path, options)
  } else {
    try {
      text = readFileSync(path, 'utf8')
    } catch (cause) {
      throw cannotReadFile(path, options.what, cause, options.missingHint)
    }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The ${options.what} ${path} is not JSON`, {
      // The parser quotes the text around the fault: never echo a secret file's content.
      ...(options.secret ? {} : { cause, details: (cause as Error).message }),
      hint: options.fieldsHint ?? options.missingHint,
    })
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `The ${options.what} ${path} is invalid`, {
      details: parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
        .join('; '),
      hint: options.fieldsHint ?? 'Fix the fields named above.',
    })
  }
  return parsed.data
}
