import pino, { type Logger } from 'pino'

/**
 * Field names that hold secrets. Nothing in Triad logs them; the redaction is a second line of
 * defence should a future log line pass a key-bearing object by mistake.
 */
const secretFields = ['signingKey', 'privateKey', 'keyPem', 'passphrase', 'keys', 'share']

/**
 * The logger of a long-running service: JSON lines on stdout, one object per event, with the
 * component and, on every line about a job, its `jobId` and `attempt` (child loggers). Keys,
 * passphrases and shares are never passed to it, and are redacted if they were.
 *
 * @example
 * const logger = createServiceLogger('node-0')
 * logger.child({ jobId: '7', attempt: 0 }).info('computing')
 */
export function createServiceLogger(
  name: string,
  level = process.env.TRIAD_LOG_LEVEL ?? 'info',
): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    redact: {
      paths: secretFields.flatMap((field) => [field, `*.${field}`]),
      censor: '[redacted]',
    },
  })
}
