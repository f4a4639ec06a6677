import pino, { type Logger } from 'pino'

/**
 * The logger of a long-running service: JSON lines on stdout, one object per event, with the
 * component and job id as fields. Keys and shares are never passed to it.
 */
export function createServiceLogger(
  name: string,
  level = process.env.TRIAD_LOG_LEVEL ?? 'info',
): Logger {
  return pino({ name, level, base: { pid: process.pid } })
}
