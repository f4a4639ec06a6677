#!/usr/bin/env node
// The `triad` command. Sources are TypeScript run through tsx's loader, so no build step stands
// between a clone and a working CLI.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
