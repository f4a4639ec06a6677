import { buildProgram } from './buildProgram.ts'
import { formatCliError } from './formatCliError.ts'

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  console.error(formatCliError(error))
  process.exitCode = 1
}
