import { readSecretFile } from '../config/index.ts'
import { TriadError } from '../errors/index.ts'
import type { PassphraseSource } from './config.ts'

/** The shortest passphrase `triad node init --encrypt` accepts. */
export const MIN_PASSPHRASE_LENGTH = 12

/**
 * Reads the passphrase of an encrypted key file from where the configuration says: an
 * environment variable (from `env`, which the CLI passes as `process.env`) or a file that only
 * its owner may read (one line; the final newline is not part of the passphrase). An unset or
 * empty source is `TRIAD_ERR_KEYSTORE_LOCKED`; the passphrase itself never appears in an error.
 *
 * @example
 * const passphrase = readKeysPassphrase({ env: 'TRIAD_KEYSTORE_PASSPHRASE' }, process.env)
 */
export function readKeysPassphrase(
  source: PassphraseSource,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if ('env' in source) {
    const value = env[source.env]
    if (!value) {
      throw new TriadError(
        'TRIAD_ERR_KEYSTORE_LOCKED',
        `The environment variable ${source.env} that holds the key file's passphrase is not set`,
        {
          hint: `Start the node with ${source.env} set (for example from a systemd credential or your secret manager).`,
        },
      )
    }
    return value
  }
  const value = readSecretFile(source.file, {
    what: 'passphrase file',
    missingHint:
      'keysPassphrase.file in the node configuration names a file that must hold the passphrase.',
  }).replace(/\r?\n$/, '')
  if (!value) {
    throw new TriadError(
      'TRIAD_ERR_KEYSTORE_LOCKED',
      `The passphrase file ${source.file} is empty`,
      {
        hint: 'Write the passphrase on its one line.',
      },
    )
  }
  return value
}
