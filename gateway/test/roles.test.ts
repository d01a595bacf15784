/**
 * The gateway's database role: it migrates its schema as DATABASE_URL's user, then works as
 * `articula_gateway`, which owns nothing, reaches no other schema, and may only append to the
 * record of failed key attempts.
 */
import 'reflect-metadata';
import { DEFAULT_DATABASE_ROLE_SECRET, deriveRolePassword, roleDatabaseUrl } from '@articula/common';
import { graphqlRequest } from '@articula/common/testing';
import pg from 'pg';
import { type Platform, startPlatform } from './platform.js';

let platform: Platform;
let admin: pg.Client;
let asGateway: pg.Client;

beforeAll(async () => {
  platform = await startPlatform('gateway_roles_test');
  admin = new pg.Client({ connectionString: platform.db.url });
  await admin.connect();
  asGateway = new pg.Client({ connectionString: roleDatabaseUrl(platform.db.url, 'articula_gateway', deriveRolePassword(DEFAULT_DATABASE_ROLE_SECRET, 'articula_gateway')) });
  await asGateway.connect();
}, 120_000);
afterAll(async () => {
  await asGateway?.end();
  await admin?.end();
  await platform?.stop();
});

const sqlState = (statement: string) => asGateway.query(statement).then(() => 'ok', (error: { code?: string }) => error.code);

it('serves requests through connections of its own role', async () => {
  expect((await graphqlRequest(platform.gateway.url, '{ departments { code } }')).status).toBe(200);
  const users = await admin.query(`select distinct usename from pg_stat_activity where datname = current_database() and application_name like 'articula-gateway%'`);
  expect(users.rows.map((r) => r.usename)).toEqual(['articula_gateway']);
});

it('owns none of the tables it uses', async () => {
  const owners = await admin.query(`select distinct tableowner from pg_tables where schemaname = 'gateway'`);
  expect(owners.rows.map((r) => r.tableowner)).not.toContain('articula_gateway');
  expect(owners.rows.length).toBeGreaterThan(0);
});

it('is denied other schemas, the migrations’ bookkeeping, and changes to the failed-attempt record', async () => {
  expect(await sqlState(`update works.work set title = title where false`)).toBe('42501');
  expect(await sqlState(`select 1 from participation.request_submitter limit 1`)).toBe('42501');
  expect(await sqlState(`select 1 from gateway.schema_version limit 1`)).toBe('42501');
  expect(await sqlState(`delete from gateway.api_key_failure`)).toBe('42501');
  expect(await sqlState(`update gateway.api_key_failure set reason = reason`)).toBe('42501');
  expect(await sqlState(`drop table gateway.api_key`)).toBe('42501');
  // What it needs still works.
  expect(await sqlState(`select count(*) from gateway.api_key`)).toBe('ok');
  expect(await sqlState(`insert into gateway.api_key_failure (prefix, reason) values ('artk_roletest0', 'unknown')`)).toBe('ok');
});
