import { z } from 'zod'

/** A column name as pool schemas write them: lower-case letters, digits and _. */
export const columnName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'a column name: lower-case letters, digits and _')
