/**
 * The audit trail on a real PostgreSQL: a row per operation, written in its transaction (none when
 * it rolls back), naming the caller without personal data; the table refuses UPDATE, DELETE and
 * TRUNCATE to the service's role (grants) and to its owner (trigger); misuse throws.
 */
import { randomBytes } from 'node:crypto';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import pg from 'pg';
import { AUDIT_LOG_SQL, AuditScope, auditedMutation, recordAudit } from './audit.js';
import { provisionServiceRole } from './db-roles.js';
import type { Logger } from './logger.js';
import { type MikroORM, createOrm } from './orm.js';
import { type TestDatabase, createTestDatabase } from './testing/index.js';

/** MikroORM refuses to start without an entity; these tests only need its transactions. */
@Entity({ tableName: 'probe' })
class Probe {
  @PrimaryKey()
  id!: number;
}

const ROLE = `articula_t${randomBytes(4).toString('hex')}_audited`;
let db: TestDatabase;
let admin: pg.Client;
let orm: MikroORM;

const official = { kind: 'official' as const, subject: 'user-17', department: 'GOP' };
const agency = { kind: 'agency' as const, agency: '2b1d1c9e-7f51-5c3a-9d0e-3c0b9a4f1e21', keyPrefix: 'artk_0123456789', scopes: ['interventions:write'] };

const rows = async () => (await admin.query('select request_id, actor_kind, actor_department, actor_user, actor_agency, actor_key_prefix, operation, entity_type, entity_id, summary from audited.audit_log order by id')).rows;
const count = async () => (await admin.query('select count(*)::int as n from audited.audit_log')).rows[0].n as number;

async function sqlState(client: pg.Client, sql: string): Promise<{ code: string; message: string } | 'ok'> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
}

beforeAll(async () => {
  db = await createTestDatabase('articula_audit');
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('create schema audited; set search_path to audited');
  await admin.query(AUDIT_LOG_SQL);
  await admin.query('create table probe (id serial primary key); set search_path to public');
  const url = await provisionServiceRole(db.url, { schema: 'audited', role: ROLE, insertOnlyTables: ['audit_log'], secret: 'audit-test-secret-0123456789abcdef0123' });
  orm = await createOrm({ url, schema: 'audited', entities: [Probe], migrations: [] });
});

afterAll(async () => {
  await orm?.close();
  await admin?.end();
  await db?.drop();
  const a = new pg.Client({ connectionString: process.env.ARTICULA_TEST_ADMIN_URL });
  await a.connect();
  await a.query(`drop role if exists ${pg.escapeIdentifier(ROLE)}`);
  await a.end();
});

it('records one row in the committed transaction, with the operation, the caller and the request id', async () => {
  const before = await count();
  await new AuditScope('createWork', official, 'req-1').run(() => orm.em.fork().transactional(async (tx) => {
    await tx.execute('insert into probe default values');
    await recordAudit(tx, { entityType: 'WORK', entityId: 'w-1', summary: { kind: 'WORK', districts: ['120101'] } });
  }));
  await new AuditScope('upsertInterventions', agency, 'req-2').run(() => orm.em.fork().transactional((tx) => recordAudit(tx, { entityType: 'AGENCY', entityId: agency.agency, summary: { created: 3 } })));
  await new AuditScope('submitRequest', { kind: 'anonymous' }, null).run(() => orm.em.fork().transactional((tx) => recordAudit(tx, { entityType: 'REQUEST', entityId: 'r-1' })));
  expect(await count()).toBe(before + 3);
  expect((await rows()).slice(-3)).toEqual([
    { request_id: 'req-1', actor_kind: 'OFFICIAL', actor_department: 'GOP', actor_user: 'user-17', actor_agency: null, actor_key_prefix: null, operation: 'createWork', entity_type: 'WORK', entity_id: 'w-1', summary: { kind: 'WORK', districts: ['120101'] } },
    { request_id: 'req-2', actor_kind: 'AGENCY', actor_department: null, actor_user: null, actor_agency: agency.agency, actor_key_prefix: 'artk_0123456789', operation: 'upsertInterventions', entity_type: 'AGENCY', entity_id: agency.agency, summary: { created: 3 } },
    { request_id: null, actor_kind: 'ANONYMOUS', actor_department: null, actor_user: null, actor_agency: null, actor_key_prefix: null, operation: 'submitRequest', entity_type: 'REQUEST', entity_id: 'r-1', summary: {} },
  ]);
});

it('leaves no row when the transaction rolls back, even after the row was written', async () => {
  const before = await count();
  await expect(new AuditScope('updateWork', official).run(() => orm.em.fork().transactional(async (tx) => {
    await recordAudit(tx, { entityType: 'WORK', entityId: 'w-1' });
    await tx.execute('insert into probe (id) values (1), (1)'); // a write that fails after the audit row
  }))).rejects.toThrow(/duplicate key/);
  expect(await count()).toBe(before);
});

it('refuses to record outside an operation, outside a transaction, twice, or with free text', async () => {
  await expect(orm.em.fork().transactional((tx) => recordAudit(tx, { entityType: 'WORK' }))).rejects.toThrow(/inside an audited operation/);
  await expect(new AuditScope('updateWork', official).run(() => recordAudit(orm.em.fork(), { entityType: 'WORK' }))).rejects.toThrow(/inside the transaction/);
  await expect(new AuditScope('updateWork', official).run(() => orm.em.fork().transactional(async (tx) => {
    await recordAudit(tx, { entityType: 'WORK' });
    await recordAudit(tx, { entityType: 'WORK' });
  }))).rejects.toThrow(/already recorded/);
  await expect(new AuditScope('moveRequest', official).run(() => orm.em.fork().transactional((tx) =>
    recordAudit(tx, { entityType: 'REQUEST', summary: { note: 'El vecino Juan Pérez, DNI 12345678, llamó al 987654321 para reclamar por la demora.' } }))))
    .rejects.toThrow(/short value/);
});

it("refuses UPDATE, DELETE and TRUNCATE to the service's role", async () => {
  const app = new pg.Client({ connectionString: orm.config.get('clientUrl') as string });
  await app.connect();
  try {
    for (const sql of ['update audited.audit_log set operation = \'x\'', 'delete from audited.audit_log', 'truncate audited.audit_log']) {
      expect(await sqlState(app, sql)).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    }
    expect(await sqlState(app, 'select count(*) from audited.audit_log')).toBe('ok');
  } finally {
    await app.end();
  }
});

it('refuses UPDATE, DELETE and TRUNCATE to its owner too, by trigger', async () => {
  const before = await rows();
  for (const sql of ['update audited.audit_log set operation = \'x\'', 'delete from audited.audit_log', 'truncate audited.audit_log']) {
    expect(await sqlState(admin, sql)).toMatchObject({ code: '42501', message: expect.stringMatching(/audit_log is insert-only/) });
  }
  expect(await rows()).toEqual(before);
});

it('a mutation that succeeds without its row is logged as an error; one with its row is not', async () => {
  const errors: unknown[] = [];
  const logger = { error: (msg: string, fields: unknown) => errors.push({ msg, fields }) } as unknown as Logger;
  const context = { identity: official, requestId: 'req-3', logger };
  await auditedMutation('forgetful', async () => 'done')(null, {}, context, null);
  expect(errors).toEqual([{ msg: 'mutation succeeded without exactly one audit row', fields: { operation: 'forgetful', recorded: 0 } }]);
  errors.length = 0;
  const result = await auditedMutation('careful', () => orm.em.fork().transactional(async (tx) => {
    await recordAudit(tx, { entityType: 'WORK' });
    return 'done';
  }))(null, {}, context, null);
  expect(result).toBe('done');
  expect(errors).toEqual([]);
  expect((await rows()).at(-1)).toMatchObject({ operation: 'careful', request_id: 'req-3', actor_department: 'GOP' });
});
