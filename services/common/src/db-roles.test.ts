/**
 * The services' database roles on a real PostgreSQL: a provisioned role owns nothing, reaches its
 * own schema only, appends to its insert-only tables without rewriting them, never sees the hidden
 * ones; provisioning is idempotent, safe when many instances start at once, and repairs a role
 * that drifted (a stale password, powers or grants it should not have).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DatabaseRoleError, deriveRolePassword, provisionServiceRole, roleDatabaseUrl } from './db-roles.js';
import { type TestDatabase, createTestDatabase } from './testing/index.js';

const SECRET = 'db-roles-test-secret-0123456789abcdef0123';
// Roles are cluster-wide: names of their own, dropped at the end, so that a shared server (DATABASE_URL) keeps nothing.
const suffix = randomBytes(4).toString('hex');
const ROLE = `articula_t${suffix}_alpha`;
const OTHER_ROLE = `articula_t${suffix}_beta`;
const FRESH_ROLE = `articula_t${suffix}_gamma`;

let db: TestDatabase;
let db2: TestDatabase;
const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

async function admin(url = db.url): Promise<pg.Client> {
  return connect(url);
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const provisionAlpha = (url = db.url) => provisionServiceRole(url, {
  schema: 'alpha', role: ROLE, insertOnlyTables: ['item_history'], hiddenTables: ['mikro_orm_migrations'], secret: SECRET,
});

async function createSchemas(url: string) {
  const a = await admin(url);
  await a.query(`
    create schema alpha;
    create table alpha.item (id bigserial primary key, name text not null);
    create table alpha.item_history (id bigserial primary key, item_id bigint not null, change text not null);
    create table alpha.mikro_orm_migrations (id serial primary key, name text);
    create schema beta;
    create table beta.secret (id int primary key, value text);
    insert into beta.secret values (1, 'beta only');
  `);
}

beforeAll(async () => {
  db = await createTestDatabase('articula_roles');
  db2 = await createTestDatabase('articula_roles');
  await createSchemas(db.url);
  await createSchemas(db2.url);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db?.drop();
  await db2?.drop();
  // The databases holding their grants are gone: the roles can go too.
  const a = new pg.Client({ connectionString: process.env.ARTICULA_TEST_ADMIN_URL });
  await a.connect();
  for (const role of [ROLE, OTHER_ROLE, FRESH_ROLE]) await a.query(`drop role if exists ${pg.escapeIdentifier(role)}`);
  await a.end();
});

describe('a provisioned role', () => {
  let app: pg.Client;
  beforeAll(async () => {
    app = await connect(await provisionAlpha());
  });

  it('logs in with the password derived from the secret and its name', async () => {
    const { rows } = await app.query('select current_user as me');
    expect(rows[0].me).toBe(ROLE);
    expect((await provisionAlpha())).toBe(roleDatabaseUrl(db.url, ROLE, deriveRolePassword(SECRET, ROLE)));
  });

  it('is a plain login role: no superuser, no CREATEDB, no CREATEROLE, no BYPASSRLS, member of nothing', async () => {
    const a = await admin();
    const { rows } = await a.query(
      `select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication, rolinherit, rolcanlogin,
         (select count(*)::int from pg_auth_members m where m.member = r.oid) as memberships from pg_roles r where rolname = $1`, [ROLE]);
    expect(rows[0]).toEqual({
      rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, rolreplication: false, rolinherit: false, rolcanlogin: true, memberships: 0,
    });
  });

  it('owns no table, no sequence, no schema', async () => {
    const a = await admin();
    const { rows } = await a.query(
      `select (select count(*)::int from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1) as relations,
              (select count(*)::int from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = $1) as schemas`, [ROLE]);
    expect(rows[0]).toEqual({ relations: 0, schemas: 0 });
  });

  it('reads and writes its own tables', async () => {
    expect(await outcome(app, `insert into alpha.item (name) values ('uno')`)).toBe('ok');
    expect(await outcome(app, `update alpha.item set name = 'dos'`)).toBe('ok');
    expect(await outcome(app, `select * from alpha.item`)).toBe('ok');
    expect(await outcome(app, `delete from alpha.item`)).toBe('ok');
  });

  it('cannot reach another schema: USAGE on its own only', async () => {
    expect(await outcome(app, `update beta.secret set value = 'changed'`)).toBe('42501');
    expect(await outcome(app, `select * from beta.secret`)).toBe('42501');
    expect(await outcome(app, `delete from beta.secret`)).toBe('42501');
    const { rows } = await app.query(
      `select nspname from pg_namespace where has_schema_privilege(oid, 'USAGE') and nspname not in ('pg_catalog', 'information_schema', 'public') and nspname not like 'pg\\_%' order by 1`);
    expect(rows.map((r) => r.nspname)).toEqual(['alpha']);
    const a = await admin();
    expect((await a.query(`select value from beta.secret`)).rows).toEqual([{ value: 'beta only' }]);
  });

  it('cannot change the shape of its tables, create tables, or empty them', async () => {
    expect(await outcome(app, `alter table alpha.item add column extra text`)).toBe('42501');
    expect(await outcome(app, `drop table alpha.item`)).toBe('42501');
    expect(await outcome(app, `create table alpha.mine (id int)`)).toBe('42501');
    expect(await outcome(app, `truncate alpha.item`)).toBe('42501');
    expect(await outcome(app, `alter table alpha.item disable row level security`)).toBe('42501');
  });

  it('appends to an insert-only table and reads it, but cannot update, delete or truncate it', async () => {
    expect(await outcome(app, `insert into alpha.item_history (item_id, change) values (1, 'created')`)).toBe('ok');
    expect(await outcome(app, `select * from alpha.item_history`)).toBe('ok');
    expect(await outcome(app, `update alpha.item_history set change = 'rewritten'`)).toBe('42501');
    expect(await outcome(app, `delete from alpha.item_history`)).toBe('42501');
    expect(await outcome(app, `truncate alpha.item_history`)).toBe('42501');
  });

  it('does not see a hidden table at all', async () => {
    expect(await outcome(app, `select * from alpha.mikro_orm_migrations`)).toBe('42501');
    expect(await outcome(app, `insert into alpha.mikro_orm_migrations (name) values ('x')`)).toBe('42501');
  });

  it('reaches PostgreSQL as a SCRAM verifier, never as the password itself', async () => {
    const a = await admin();
    const { rows } = await a.query('select rolpassword from pg_authid where rolname = $1', [ROLE]);
    expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(rows[0].rolpassword).not.toContain(deriveRolePassword(SECRET, ROLE));
  });
});

describe('provisioning', () => {
  it('is idempotent and safe when many instances, in several databases, start at once', async () => {
    const urls = await Promise.all([db.url, db2.url, db.url, db2.url, db.url, db2.url, db.url, db2.url].map((u) => provisionAlpha(u)));
    expect(new Set(urls.map((u) => new URL(u).password)).size).toBe(1);
    for (const url of [urls[0]!, urls[1]!]) {
      const app = await connect(url);
      expect(await outcome(app, `insert into alpha.item_history (item_id, change) values (2, 'again')`)).toBe('ok');
      expect(await outcome(app, `update alpha.item_history set change = 'x'`)).toBe('42501');
      expect(await outcome(app, `select * from beta.secret`)).toBe('42501');
    }
  });

  it('creates a new role once when many instances race to create it', async () => {
    const urls = await Promise.all([db.url, db2.url, db.url, db2.url, db.url, db2.url].map((u) =>
      provisionServiceRole(u, { schema: 'beta', role: FRESH_ROLE, secret: SECRET })));
    for (const url of urls) {
      const app = await connect(url);
      expect((await app.query('select value from beta.secret')).rows).toEqual([{ value: 'beta only' }]);
      expect(await outcome(app, 'select * from alpha.item')).toBe('42501');
    }
  });

  it('repairs a role that drifted: a stale password, powers and grants it should not have', async () => {
    const a = await admin();
    await a.query(`alter role ${ROLE} password 'stale' createdb`);
    await a.query(`grant usage on schema beta to ${ROLE}`);
    await a.query(`grant select on beta.secret to ${ROLE}`);
    await a.query(`grant truncate, update on alpha.item_history to ${ROLE}`);
    await a.query(`create role ${OTHER_ROLE} nologin`);
    await a.query(`grant ${OTHER_ROLE} to ${ROLE}`);
    const url = await provisionAlpha();

    const app = await connect(url);
    expect((await a.query('select rolcreatedb from pg_roles where rolname = $1', [ROLE])).rows[0].rolcreatedb).toBe(false);
    expect((await a.query(`select count(*)::int as n from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = $1`, [ROLE])).rows[0].n).toBe(0);
    expect(await outcome(app, `truncate alpha.item_history`)).toBe('42501');
    expect(await outcome(app, `update alpha.item_history set change = 'x'`)).toBe('42501');
    expect(await outcome(app, `select * from beta.secret`)).toBe('42501');
  });

  it('refuses an administrator URL that is the role itself, and names that are not plain identifiers', async () => {
    const url = await provisionAlpha();
    await expect(provisionServiceRole(url, { schema: 'alpha', role: ROLE, secret: SECRET })).rejects.toThrow(DatabaseRoleError);
    await expect(provisionServiceRole(db.url, { schema: 'alpha"; drop table x; --', role: ROLE, secret: SECRET })).rejects.toThrow(DatabaseRoleError);
    await expect(provisionServiceRole(db.url, { schema: 'alpha', role: 'Robert', secret: SECRET })).rejects.toThrow(DatabaseRoleError);
    await expect(provisionServiceRole(db.url, { schema: 'alpha', role: ROLE, insertOnlyTables: ['nope'], secret: SECRET })).rejects.toThrow(/does not exist/);
  });

  it('derives a password per role and secret, and keeps the rest of the URL', () => {
    expect(deriveRolePassword(SECRET, 'articula_works')).toBe(deriveRolePassword(SECRET, 'articula_works'));
    expect(deriveRolePassword(SECRET, 'articula_works')).not.toBe(deriveRolePassword(SECRET, 'articula_budget'));
    expect(deriveRolePassword(SECRET, 'articula_works')).not.toBe(deriveRolePassword(`${SECRET}x`, 'articula_works'));
    expect(deriveRolePassword(SECRET, 'articula_works')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(roleDatabaseUrl('postgres://admin:s3cret@db.example:6543/articula?sslmode=require', 'articula_works', 'pw'))
      .toBe('postgres://articula_works:pw@db.example:6543/articula?sslmode=require');
  });
});
