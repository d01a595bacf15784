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

/** Inserts rows with multi-row INSERTs of `chunk` rows; `casts` gives a column's SQL cast (e.g. jsonb). */
export async function insertRows(
  em: { execute: (sql: string, params: unknown[]) => Promise<unknown> },
  table: string,
  columns: string[],
  rows: unknown[][],
  casts: Record<string, string> = {},
  chunk = 500,
): Promise<void> {
  const tuple = `(${columns.map((c) => (casts[c] ? `?::${casts[c]}` : '?')).join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await em.execute(`insert into ${table} (${columns.join(', ')}) values ${part.map(() => tuple).join(', ')}`, part.flat());
  }
}
