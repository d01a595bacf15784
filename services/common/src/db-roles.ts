/**
 * Database roles. Migrations run as the administrator (DATABASE_URL, the tables' owner); the
 * service itself then works as a LOGIN role of its own that owns nothing: USAGE on its own schema
 * only, reads and writes on its tables, and only SELECT and INSERT on its history and audit
 * tables. A bug or an injection in one service can then neither reach another service's schema,
 * nor rewrite history, nor change a table's shape or its row-level security.
 *
 * Roles are cluster-wide and grants are per database, so provisioning runs at every start (after
 * the migrations, which may have added tables) and is idempotent. Several instances, or several
 * test databases of one server, may provision the same role at the same moment: creating a role
 * that appeared meanwhile is not an error, the grants of one schema are serialized by an advisory
 * lock, and a catalog row updated concurrently is retried.
 *
 * The role's password is derived from a secret (DATABASE_ROLE_SECRET) and the role's name, so that
 * every instance computes the same one without storing it anywhere; it reaches PostgreSQL only as a
 * SCRAM verifier, never in clear text (statements can end up in the server's log).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ServiceRoleOptions {
  /** The schema the role works in (the service's own). */
  schema: string;
  /** The LOGIN role to provision, e.g. `articula_works`. */
  role: string;
  /** Tables of the schema the role may only read and append to: change history, audit. */
  insertOnlyTables?: readonly string[];
  /** Tables of the schema the role may not touch at all (the migrations' bookkeeping). */
  hiddenTables?: readonly string[];
  /** The secret the password is derived from; every instance on one server must share it. */
  secret: string;
}

/** The default name of a service's role: `articula_<schema>`. */
export const serviceRoleName = (schema: string) => `articula_${schema}`;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The role's password: HMAC-SHA256 of its name under the secret (URL-safe, 43 characters). */
export function deriveRolePassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(`articula-database-role:${role}`).digest('base64url');
}

/** The connection URL of `role`: the administrator's URL (host, database, sslmode, …) with the role's credentials. */
export function roleDatabaseUrl(adminUrl: string, role: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5803): the server never sees the password. */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

export class DatabaseRoleError extends Error {
  override name = 'DatabaseRoleError';
}

/** SQLSTATEs of a concurrent provisioning: someone created the role, or updated the same catalog row, first. */
const RACE_CODES = new Set(['42710', '23505', '40001', '40P01']);
const isRace = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return RACE_CODES.has(e?.code ?? '') || (e?.code === 'XX000' && /tuple concurrently (updated|deleted)/.test(e.message ?? ''));
};

async function retryRaces<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isRace(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
    }
  }
}

/**
 * Creates (or repairs) the service's role and its grants in the administrator's database, and
 * returns the URL the service connects with. Needs an administrator that owns the schema and may
 * create roles (CREATEROLE); where that is not wanted, provision the role yourself and give the
 * service its URL (`<SERVICE>_APP_DATABASE_URL`) instead.
 */
export async function provisionServiceRole(adminUrl: string, options: ServiceRoleOptions): Promise<string> {
  const { schema, role } = options;
  for (const [what, name] of [['schema', schema], ['role', role]] as const) {
    if (!IDENTIFIER.test(name)) throw new DatabaseRoleError(`The ${what} name ${JSON.stringify(name)} is not a plain lower-case identifier.`);
  }
  const tableNames = [...(options.insertOnlyTables ?? []), ...(options.hiddenTables ?? [])];
  for (const table of tableNames) if (!IDENTIFIER.test(table)) throw new DatabaseRoleError(`The table name ${JSON.stringify(table)} is not a plain lower-case identifier.`);
  const password = deriveRolePassword(options.secret, role);
  const url = roleDatabaseUrl(adminUrl, role, password);

  await withClient(adminUrl, async (admin) => {
    const [{ me }] = (await admin.query<{ me: string }>('select current_user as me')).rows as [{ me: string }];
    if (me === role) throw new DatabaseRoleError(`DATABASE_URL connects as ${role}, the service's own role: it must be the tables' owner (an administrator).`);
    try {
      await retryRaces(() => ensureRole(admin, role, password));
      await retryRaces(() => grant(admin, options));
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      throw new DatabaseRoleError(
        `DATABASE_URL's user (${me}) may not provision role ${role} on schema ${schema}: give it CREATEROLE and ownership of the schema, `
        + `or create the role yourself and give the service its URL (<SERVICE>_APP_DATABASE_URL).`,
      );
    }
  });
  // The password may be stale (another secret before): repair it only then, so that instances
  // starting together do not all rewrite the same catalog row.
  if (!(await canLogIn(url))) {
    await retryRaces(() => withClient(adminUrl, (c) => c.query(`alter role ${pg.escapeIdentifier(role)} password ${pg.escapeLiteral(scramVerifier(password))}`)));
    if (!(await canLogIn(url, true))) throw new DatabaseRoleError(`Role ${role} was given its password but cannot log in.`);
  }
  return url;
}

const ROLE_ATTRIBUTES = 'login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls';

async function ensureRole(admin: pg.Client, role: string, password: string): Promise<void> {
  const { rows } = await admin.query<{ ok: boolean }>(
    `select rolcanlogin and not (rolsuper or rolcreatedb or rolcreaterole or rolinherit or rolreplication or rolbypassrls) as ok from pg_roles where rolname = $1`,
    [role],
  );
  if (rows.length === 0) {
    // Another instance may create it between our look and our create: retryRaces (the caller) looks again.
    await admin.query(`create role ${pg.escapeIdentifier(role)} ${ROLE_ATTRIBUTES} password ${pg.escapeLiteral(scramVerifier(password))}`);
    return;
  }
  // A role given more power than a service needs (by hand, or by an older version) loses it.
  if (!rows[0]!.ok) await admin.query(`alter role ${pg.escapeIdentifier(role)} ${ROLE_ATTRIBUTES}`);
  // Membership in another role would lend that role's rights (even with NOINHERIT, through SET ROLE).
  const { rows: memberships } = await admin.query<{ parent: string }>(
    `select p.rolname as parent from pg_auth_members m join pg_roles p on p.oid = m.roleid join pg_roles r on r.oid = m.member where r.rolname = $1`,
    [role],
  );
  for (const { parent } of memberships) await admin.query(`revoke ${pg.escapeIdentifier(parent)} from ${pg.escapeIdentifier(role)}`);
}

async function grant(admin: pg.Client, options: ServiceRoleOptions): Promise<void> {
  const role = pg.escapeIdentifier(options.role);
  const schema = pg.escapeIdentifier(options.schema);
  const qualified = (table: string) => `${schema}.${pg.escapeIdentifier(table)}`;
  await admin.query('begin');
  try {
    // One provisioning of a schema at a time in this database: GRANTs on the same catalog rows collide.
    await admin.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`articula.roles.${options.schema}`]);
    const [{ connect }] = (await admin.query<{ connect: boolean }>(`select has_database_privilege($1, current_database(), 'CONNECT') as connect`, [options.role])).rows as [{ connect: boolean }];
    if (!connect) {
      const [{ db }] = (await admin.query<{ db: string }>('select current_database() as db')).rows as [{ db: string }];
      await admin.query(`grant connect on database ${pg.escapeIdentifier(db)} to ${role}`);
    }
    await admin.query(`grant usage on schema ${schema} to ${role}`);
    // Its own schema only: a grant on another one (by hand, or by an older version) goes.
    const { rows: others } = await admin.query<{ name: string }>(
      `select n.nspname as name from pg_namespace n, aclexplode(n.nspacl) a where a.grantee = $1::regrole and n.nspname <> $2`,
      [options.role, options.schema],
    );
    for (const name of new Set(others.map((o) => o.name))) await admin.query(`revoke all on schema ${pg.escapeIdentifier(name)} from ${role}`);
    // What the role may have been given before (TRUNCATE, REFERENCES, TRIGGER, …) goes; then exactly what it needs.
    await admin.query(`revoke all on all tables in schema ${schema} from ${role}`);
    await admin.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`);
    await admin.query(`grant usage, select on all sequences in schema ${schema} to ${role}`);
    const present = new Set((await admin.query<{ t: string }>('select tablename as t from pg_tables where schemaname = $1', [options.schema])).rows.map((r) => r.t));
    for (const table of options.insertOnlyTables ?? []) {
      if (!present.has(table)) throw new DatabaseRoleError(`Table ${options.schema}.${table}, named insert-only, does not exist: did the migrations run?`);
      await admin.query(`revoke update, delete on ${qualified(table)} from ${role}`);
    }
    for (const table of options.hiddenTables ?? []) {
      if (present.has(table)) await admin.query(`revoke all on ${qualified(table)} from ${role}`);
    }
    await admin.query('commit');
  } catch (error) {
    await admin.query('rollback').catch(() => undefined);
    throw error;
  }
}

async function withClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'articula-provision' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when the role logs in with this URL; false on a wrong password; other failures throw. */
async function canLogIn(url: string, strict = false): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'articula-provision' });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (!strict && (error as { code?: string }).code === '28P01') return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
