import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { countSqlStatement } from './sql-stats.js';

/**
 * Builds a WHERE clause from optional filters, always with bound values ('?'), never spliced;
 * list filters expand to one placeholder per value.
 */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class SqlWhere {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** `column in (…)` when values are given. */
  in(column: string, values: readonly unknown[] | undefined | null): this {
    if (values && values.length > 0) {
      this.parts.push(`${column} in (${placeholders(values.length)})`);
      this.params.push(...values);
    }
    return this;
  }

  /** A condition with its own placeholders. */
  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}

/** `%text%` for ILIKE with its wildcards escaped (use with `escape '\\'`). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Runs a statement with real bind parameters ($1, $2, …) on the entity manager's connection, inside
 * its transaction when it has one. MikroORM's `execute` formats every parameter into the SQL text
 * on the client (escaping each value): for a bulk statement that costs more than the statement
 * itself, and PostgreSQL then parses the whole text again. Counted like every ORM statement.
 */
export async function executeBound<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const ctx = em.getTransactionContext<Transaction<unknown>>() ?? (em.getConnection() as unknown as { getClient(): Kysely<unknown> }).getClient();
  const result = await ctx.executeQuery(CompiledQuery.raw(countSqlStatement(sql), params));
  return result.rows as T[];
}

/**
 * Inserts rows, `chunk` rows per statement. The rows travel as one bound JSON parameter that
 * `json_populate_recordset` expands against the table's own row type, so PostgreSQL's input
 * functions type every value (uuid, numeric, date, timestamptz, arrays) and nothing is spliced
 * into SQL text: one parameter instead of one per value, and no client-side formatting. Measured
 * (A/B, alternating, 26 rounds of 250 works in a rolled-back transaction): 18.3 ms a batch
 * instead of 21.1, and 4.9 ms of the service's CPU instead of 5.4.
 * `json` names the columns whose values are JSON text already (sent as they are).
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  json: Record<string, 'jsonb' | 'json'> = {},
  chunk = 2_000,
): Promise<void> {
  const list = columns.join(', ');
  const keys = columns.map((c) => `${JSON.stringify(c)}:`);
  const asIs = columns.map((c) => c in json);
  for (let i = 0; i < rows.length; i += chunk) {
    const end = Math.min(rows.length, i + chunk);
    let text = '[';
    for (let r = i; r < end; r++) {
      const row = rows[r]!;
      text += r > i ? ',{' : '{';
      for (let k = 0; k < columns.length; k++) {
        const v = row[k];
        text += `${k ? ',' : ''}${keys[k]}${v === null || v === undefined ? 'null' : asIs[k] && typeof v === 'string' ? v : JSON.stringify(v)}`;
      }
      text += '}';
    }
    text += ']';
    await executeBound(em, `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`, [text]);
  }
}
