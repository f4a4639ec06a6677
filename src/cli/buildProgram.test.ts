import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Command } from 'commander'
import { buildProgram } from './buildProgram.ts'

/** Every command that runs something (no subcommands), with its full name. */
function leaves(command: Command, prefix = ''): [string, Command][] {
  const name = `${prefix}${command.name()}`
  if (command.commands.length === 0) return [[name, command]]
  return command.commands.flatMap((sub) => leaves(sub, `${name} `))
}

function helpOf(command: Command): string {
  let text = ''
  command.configureOutput({
    writeOut: (chunk) => {
      text += chunk
    },
  })
  command.outputHelp()
  return text
}

describe('the triad command', () => {
  const commands = leaves(buildProgram())

  it('has every command of the issue', () => {
    const names = commands.map(([name]) => name)
    for (const expected of [
      'triad dev',
      'triad demo',
      'triad deploy',
      'triad pool create',
      'triad pool list',
      'triad pool show',
      'triad pool pause',
      'triad pool unpause',
      'triad pool close',
      'triad sell',
      'triad contributions',
      'triad revoke',
      'triad buy',
      'triad job status',
      'triad job result',
      'triad job refund',
      'triad earnings',
      'triad withdraw',
      'triad node init',
      'triad node start',
      'triad bridge start',
    ]) {
      assert.ok(names.includes(expected), `${expected} is missing from ${names.join(', ')}`)
    }
  })

  for (const [name, command] of commands) {
    it(`\`${name} --help\` describes it and shows an example`, () => {
      const help = helpOf(command)
      assert.ok(command.description().length > 20, `${name} has a description`)
      assert.match(
        help,
        /\nExample:\n( {2}\$ .*\n)* {2}\$ triad /,
        `${name} has an example:\n${help}`,
      )
    })
  }

  it('every read command takes --json', () => {
    for (const [name, command] of commands) {
      if (/node (start|init|backup)|bridge start|^triad dev$/.test(name)) continue
      assert.ok(
        command.options.some((option) => option.long === '--json'),
        `${name} has --json`,
      )
    }
  })
})
