import cliProgress from 'cli-progress'

/** Progress of one long step (an upload, a job wait) on stderr. */
export interface Progress {
  /** Moves the bar to `value` of its total and shows `status` beside it. */
  update(value: number, status: string): void
  /** Ends the bar (or prints the last line). */
  stop(status?: string): void
}

/**
 * A progress bar on stderr when it is a terminal (cli-progress), else one plain line per
 * change of status, so logs and pipes read well; nothing at all with `quiet` (`--json`).
 * stdout stays for the command's answer.
 *
 * @example
 * const progress = createProgress({ label: 'upload', total: 3 })
 * progress.update(1, 'node 0 stored its share')
 * progress.stop()
 */
export function createProgress(parameters: {
  label: string
  total: number
  quiet?: boolean
  stream?: NodeJS.WriteStream
}): Progress {
  const stream = parameters.stream ?? process.stderr
  if (parameters.quiet) return { update() {}, stop() {} }
  if (!stream.isTTY) {
    let last = ''
    const line = (status: string) => {
      if (status === last) return
      last = status
      stream.write(`${parameters.label}: ${status}\n`)
    }
    return {
      update: (_value, status) => line(status),
      stop: (status) => {
        if (status) line(status)
      },
    }
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${parameters.label.padEnd(8)} [{bar}] {percentage}% | {status}`,
      stream,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(parameters.total, 0, { status: 'starting' })
  return {
    update: (value, status) => bar.update(Math.min(value, parameters.total), { status }),
    stop: (status) => {
      if (status) bar.update(parameters.total, { status })
      bar.stop()
    },
  }
}
