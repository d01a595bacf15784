/**
 * Counts the SQL statements a request causes. Each request runs inside `withSqlCounter`, and the
 * ORM's onQuery hook bumps the counter of the request it runs for (AsyncLocalStorage keeps them
 * apart under concurrency). Tests and benchmarks read it to prove there is no N+1.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface SqlCounter {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlCounter>();

export function withSqlCounter<T>(counter: SqlCounter, fn: () => T): T {
  return storage.run(counter, fn);
}

export function countSqlStatement(sql: string): string {
  const counter = storage.getStore();
  if (counter) counter.statements += 1;
  return sql;
}
