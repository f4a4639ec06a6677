import type Database from 'better-sqlite3'

/**
 * Makes `db.prepare(sql)` return one compiled statement per SQL text instead of compiling it on
 * every call: the stores build their SQL from constant text, and compiling costs more than
 * running a point query. Statements are only run to completion (`run`, `get`, `all`), never
 * iterated, so one statement is never in use twice at once.
 *
 * @example
 * const db = cacheStatements(new Database(file))
 * db.prepare('SELECT 1') === db.prepare('SELECT 1') // true
 */
export function cacheStatements(db: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>()
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }) as typeof db.prepare
  return db
}
