import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { PoolSchemaInput } from '../protocol/schema/index.ts'

/** The pool schema of the demo: Seattle's daily weather, 2012 to 2015, from vega-datasets. */
export const seattleWeatherSchema: PoolSchemaInput = {
  version: 2,
  columns: [
    {
      name: 'precipitation',
      type: 'fixed',
      min: '0',
      max: '200',
      description: 'rain and snow that day, in mm',
    },
    { name: 'temp_max', type: 'fixed', min: '-30', max: '50', description: 'daily high, °C' },
    { name: 'temp_min', type: 'fixed', min: '-30', max: '50', description: 'daily low, °C' },
    { name: 'wind', type: 'fixed', min: '0', max: '40', description: 'mean wind speed, m/s' },
    {
      name: 'weather',
      type: 'categorical',
      values: ['drizzle', 'rain', 'sun', 'snow', 'fog'],
      description: 'the day in one word',
    },
  ],
}

/** Where the data set comes from, for the narration. */
export const seattleWeatherSource = 'vega-datasets/data/seattle-weather.csv'

/**
 * The rows of `seattle-weather.csv` from the `vega-datasets` npm package (1,461 days, real
 * NOAA observations), as the pool's columns (the date is the seller's own and stays with it).
 *
 * @example
 * const days = readSeattleWeather() // [{ precipitation: '0.0', temp_max: '12.8', ... }, ...]
 */
export function readSeattleWeather(): Record<string, string>[] {
  const entry = createRequire(import.meta.url).resolve('vega-datasets')
  const file = join(dirname(entry), '..', 'data', 'seattle-weather.csv')
  const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
  return records.map(({ date: _date, ...row }) => row)
}
