/**
 * Agencies push their interventions through the gateway with an API key: the key's life cycle,
 * all-or-nothing batches, ownership, idempotency under concurrency, the audit trail, and the
 * coordination alerts seeing the new data at once. Real PostgreSQL, real HTTP, the whole platform.
 */
import 'reflect-metadata';
import pg from 'pg';
import { graphqlRequest } from '@articula/common/testing';
import { ApiKeyStore } from '../src/api-keys.js';
import { issueOfficialToken } from '../src/auth.js';
import { type Platform, TOKEN_SECRET, startPlatform } from './platform.js';

let platform: Platform;
let keys: ApiKeyStore;
let db: pg.Client;
let agencies: Record<string, { id: string; name: string }>;

beforeAll(async () => {
  platform = await startPlatform('agencies_test');
  keys = await ApiKeyStore.open(platform.db.url);
  db = new pg.Client({ connectionString: platform.db.url });
  await db.connect();
  const r = await graphqlRequest(platform.gateway.url, '{ agencies { id name acronym } }');
  agencies = Object.fromEntries(r.body.data.agencies.filter((a: any) => a.acronym).map((a: any) => [a.acronym, a]));
});
afterAll(async () => {
  await db?.end();
  await keys?.close();
  await platform?.stop();
});

const UPSERT = `mutation($input: UpsertInterventionsInput!) { upsertInterventions(input: $input) { created updated unchanged items { index externalId workId outcome } } }`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const send = (key: string, items: unknown[], idempotencyKey?: string) =>
  graphqlRequest(platform.gateway.url, UPSERT, { input: { items, ...(idempotencyKey ? { idempotencyKey } : {}) } }, bearer(key));
const worksOf = async (agencyId: string) =>
  (await db.query('select id, external_id, title, updated_at from works.work where executor_id = $1 order by external_id', [agencyId])).rows;
const newKey = async (acronym: string) => (await keys.create({ agencyId: agencies[acronym]!.id, label: `test ${acronym}`, scopes: ['interventions:write'] })).key;

let serial = 0;
/** A valid intervention of a regional road in Pucará (120124), unique per call. */
function item(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    externalId: `T-${serial}`, kind: 'WORK', title: `Mejoramiento del camino vecinal tramo ${serial}, distrito de Pucará`, sector: 'TRANSPORT', status: 'IN_EXECUTION',
    districts: ['120124'], plannedStart: '2026-03-01', plannedEnd: '2026-12-31', actualStart: '2026-03-15', investmentCost: '1250000.00',
    contractor: { name: 'Constructora Sierra Central S.A.C.', ruc: '20439472660' }, physicalProgress: 40, ...overrides,
  };
}

describe('API keys', () => {
  it('are shown once, stored as prefix and hash, and work for their agency', async () => {
    const { key, record } = await keys.create({ agencyId: agencies.GRJ!.id, label: 'SIGA GRJ', scopes: ['interventions:write'] });
    expect(key).toMatch(/^artk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${record.prefix}_`)).toBe(true);
    const stored = JSON.stringify((await db.query('select * from gateway.api_key where prefix = $1', [record.prefix])).rows);
    expect(stored).not.toContain(key.slice(record.prefix.length + 1)); // the secret is nowhere in the database
    expect(record.lastUsedAt).toBeNull();

    const r = await send(key, [item()]);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.upsertInterventions.created).toBe(1);
    const [listed] = (await keys.list(agencies.GRJ!.id)).filter((k) => k.prefix === record.prefix);
    expect(listed!.lastUsedAt).not.toBeNull();
  });

  it('refuse a bad, an expired and a revoked key as UNAUTHENTICATED, and record each attempt', async () => {
    const since = new Date(Date.now() - 1000);
    const expired = await keys.create({ agencyId: agencies.GRJ!.id, label: 'expiring', scopes: ['interventions:write'] });
    const revoked = await keys.create({ agencyId: agencies.GRJ!.id, label: 'to revoke', scopes: ['interventions:write'] });
    expect((await send(revoked.key, [item()])).body.errors).toBeUndefined(); // works until revoked
    await db.query(`update gateway.api_key set expires_at = now() - interval '1 second' where prefix = $1`, [expired.record.prefix]);
    expect(await keys.revoke(revoked.record.prefix)).toBe(true);

    const wrongSecret = `${expired.record.prefix}_${'A'.repeat(43)}`;
    const cases: Array<[string, string, RegExp]> = [
      ['garbage', 'artk_not-a-key', /not valid/],
      ['wrong secret', wrongSecret, /not valid/],
      ['expired', expired.key, /expired/],
      ['revoked', revoked.key, /revoked/],
    ];
    for (const [label, key, reason] of cases) {
      const before = await worksOf(agencies.GRJ!.id);
      const r = await send(key, [item()]);
      expect({ label, status: r.status, code: r.body.errors?.[0]?.extensions?.code }).toEqual({ label, status: 401, code: 'UNAUTHENTICATED' });
      expect(r.body.errors![0]!.extensions!.reason).toMatch(reason);
      expect(await worksOf(agencies.GRJ!.id)).toEqual(before);
    }
    // The key also works in the X-Api-Key header, and is refused there the same way.
    const viaHeader = await graphqlRequest(platform.gateway.url, UPSERT, { input: { items: [item()] } }, { 'x-api-key': revoked.key });
    expect(viaHeader.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const failures = await keys.failures(since);
    expect(failures.map((f) => f.reason)).toEqual(['malformed', 'unknown', 'expired', 'revoked', 'revoked']);
    expect(failures.map((f) => f.prefix)).toEqual([null, expired.record.prefix, expired.record.prefix, revoked.record.prefix, revoked.record.prefix]);
  });

  it('only agencies write interventions; an agency key cannot use officials\' mutations', async () => {
    const anonymous = await graphqlRequest(platform.gateway.url, UPSERT, { input: { items: [item()] } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = await issueOfficialToken(TOKEN_SECRET, 'GOP', 'official');
    const official = await graphqlRequest(platform.gateway.url, UPSERT, { input: { items: [item()] } }, bearer(token));
    expect(official.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const key = await newKey('PVD');
    const createWork = await graphqlRequest(platform.gateway.url, `mutation { createWork(input: { title: "Obra", kind: WORK, sector: TRANSPORT, districts: ["120101"] }) { id } }`, undefined, bearer(key));
    expect(createWork.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('bulk upsert', () => {
  it('writes nothing when one item is bad, and lists every bad item with index, field, code and reason', async () => {
    const key = await newKey('DRTC Junín');
    const agency = agencies['DRTC Junín']!.id;
    const before = await worksOf(agency);
    const items = [item(), item({ districts: ['150101'] }), item(), item({ title: 'x', cui: '12' })];
    const r = await send(key, items);
    expect(r.body.data).toBeNull();
    const error = r.body.errors![0]!;
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    expect(error.extensions!.problems).toEqual([
      { index: 1, field: 'items[1].districts[0]', code: 'INVALID', reason: expect.stringContaining('not the UBIGEO') },
      { index: 3, field: 'items[3].title', code: 'INVALID', reason: expect.any(String) },
      { index: 3, field: 'items[3].cui', code: 'INVALID', reason: expect.stringContaining('7 digits') },
    ]);
    expect(await worksOf(agency)).toEqual(before);
  });

  it('writes a valid batch of 250 in one call, then counts unchanged and updated on the next', async () => {
    const key = await newKey('PNSR');
    const agency = agencies.PNSR!.id;
    const before = (await worksOf(agency)).length;
    const items = Array.from({ length: 250 }, (_, i) => item({ externalId: `PNSR-BULK-${i}`, sector: 'SANITATION', title: `Sistema de agua potable ${i} en Pucará` }));
    const first = await send(key, items);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.upsertInterventions).toMatchObject({ created: 250, updated: 0, unchanged: 0 });
    expect((await worksOf(agency)).length).toBe(before + 250);

    const again = await send(key, items.map((x, i) => (i === 7 ? { ...x, physicalProgress: 55, title: `${x.title} (ampliación)` } : x)));
    expect(again.body.data.upsertInterventions).toMatchObject({ created: 0, updated: 1, unchanged: 249 });
    const changed = again.body.data.upsertInterventions.items[7];
    expect(changed).toMatchObject({ index: 7, externalId: 'PNSR-BULK-7', outcome: 'UPDATED' });

    // The public history names the agency and the key's prefix.
    const h = await graphqlRequest(platform.gateway.url, `query($id: ID!) { work(id: $id) { title physicalProgress executor { name }
      history { action actorKind actorKeyPrefix actorAgency { name } changes { field } } } }`, { id: changed.workId });
    const work = h.body.data.work;
    expect(work.physicalProgress).toBe(55);
    expect(work.history.map((x: any) => x.action)).toEqual(['UPDATED', 'CREATED']);
    for (const entry of work.history) {
      expect(entry).toMatchObject({ actorKind: 'AGENCY', actorKeyPrefix: key.slice(0, 15), actorAgency: { name: agencies.PNSR!.name } });
    }
    expect(work.history[0].changes.map((c: any) => c.field).sort()).toEqual(['physicalProgress', 'title']);
  });

  it('refuses more than 250 items', async () => {
    const key = await newKey('PNSU');
    const r = await send(key, Array.from({ length: 251 }, () => item({ districts: ['120101'] })));
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
  });
});

describe('ownership', () => {
  it('agency A cannot create for agency B nor update B\'s work; nothing changes', async () => {
    const keyA = await newKey('PRONIED');
    const b = agencies.PRONIS!;
    const keyB = await newKey('PRONIS');
    const created = await send(keyB, [item({ externalId: 'PRONIS-1', sector: 'HEALTH', title: 'Mejoramiento del puesto de salud de Pucará' })]);
    const bWork = created.body.data.upsertInterventions.items[0].workId;
    const bBefore = await worksOf(b.id);
    const aBefore = await worksOf(agencies.PRONIED!.id);

    const forB = await send(keyA, [item(), item({ executor: b.id })]);
    expect(forB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(forB.body.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ index: 1, field: 'items[1].executor', code: 'FORBIDDEN' })]);

    const takeOver = await send(keyA, [item({ workId: bWork, externalId: 'PRONIS-1', title: 'Título cambiado por otra entidad' })]);
    expect(takeOver.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(takeOver.body.errors![0]!.extensions!.problems[0]).toMatchObject({ index: 0, field: 'items[0].workId', code: 'FORBIDDEN' });

    expect(await worksOf(b.id)).toEqual(bBefore);
    expect(await worksOf(agencies.PRONIED!.id)).toEqual(aBefore);
  });
});

describe('idempotency', () => {
  it('the same key sent ten times at once writes once and answers the same ten times', async () => {
    const key = await newKey('FONCODES');
    const agency = agencies.FONCODES!.id;
    const before = (await worksOf(agency)).length;
    const items = Array.from({ length: 20 }, (_, i) => item({ externalId: `FON-IDEM-${i}`, sector: 'SOCIAL_PROTECTION', title: `Comedor comunal ${i} de Pucará` }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(key, items, 'batch-2026-11-24-001')));
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    const bodies = answers.map((a) => JSON.stringify(a.body.data));
    expect(new Set(bodies).size).toBe(1);
    expect(answers[0]!.body.data.upsertInterventions.created).toBe(20);
    expect((await worksOf(agency)).length).toBe(before + 20);
    const { rows } = await db.query(`select count(*)::int as n from works.work_change c join works.work w on w.id = c.work_id where w.executor_id = $1 and w.external_id like 'FON-IDEM-%'`, [agency]);
    expect(rows[0].n).toBe(20); // one history entry each: written once
  });

  it('refuses a used key with a different payload, and writes nothing', async () => {
    const key = await newKey('MVCS');
    const agency = agencies.MVCS!.id;
    const first = await send(key, [item({ externalId: 'MVCS-1' })], 'mvcs-batch-1');
    expect(first.body.errors).toBeUndefined();
    const before = await worksOf(agency);
    const other = await send(key, [item({ externalId: 'MVCS-2' })], 'mvcs-batch-1');
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await worksOf(agency)).toEqual(before);
    // Keys belong to an agency: another agency may use the same key string for its own batch.
    const elsewhere = await send(await newKey('DGER'), [item({ externalId: 'DGER-1', sector: 'ENERGY' })], 'mvcs-batch-1');
    expect(elsewhere.body.data.upsertInterventions.created).toBe(1);
  });
});

describe('articulation', () => {
  it('a new overlapping intervention and a shared CUI appear in the coordination alerts at once', async () => {
    const ALERTS = `query($district: String, $sector: Sector, $after: String) { coordinationAlerts(district: $district, sector: $sector, first: 40, after: $after) {
      edges { node { kind cui works { id executor { name } } } } pageInfo { hasNextPage endCursor } } }`;
    /** Every alert of a district and sector, page after page. */
    const allAlerts = async (district: string, sector: string) => {
      const nodes: any[] = [];
      for (let after: string | null = null; ;) {
        const page: any = (await graphqlRequest(platform.gateway.url, ALERTS, { district, sector, after })).body.data.coordinationAlerts;
        nodes.push(...page.edges.map((e: any) => e.node));
        if (!page.pageInfo.hasNextPage) return nodes;
        after = page.pageInfo.endCursor;
      }
    };
    const existing = await graphqlRequest(platform.gateway.url, `{ works(first: 1, filter: { status: [IN_EXECUTION], executorLevel: [NATIONAL] }) {
      edges { node { id cui sector plannedStart actualStart plannedEnd districts { ubigeo } executor { id } } } } }`);
    const target = existing.body.data.works.edges[0].node;
    const key = await newKey('DRA Junín'); // a regional agency; the target is a national one
    const r = await send(key, [item({
      externalId: 'AGRO-OVERLAP-1', sector: target.sector, districts: [target.districts[0].ubigeo], title: 'Intervención que coincide en lugar, sector y tiempo',
      plannedStart: target.actualStart ?? target.plannedStart, plannedEnd: null, actualStart: null, status: 'IN_PREPARATION', physicalProgress: 0,
    })]);
    expect(r.body.errors).toBeUndefined();
    const newId = r.body.data.upsertInterventions.items[0].workId;
    const pairs = (await allAlerts(target.districts[0].ubigeo, target.sector)).filter((n: any) => n.kind === 'OVERLAPPING_INTERVENTIONS');
    expect(pairs.some((p: any) => p.works.some((w: any) => w.id === newId) && p.works.some((w: any) => w.id === target.id))).toBe(true);

    const withCui = (await graphqlRequest(platform.gateway.url, `{ works(first: 50, filter: { executorLevel: [NATIONAL], status: [IN_EXECUTION, COMPLETED] }) { edges { node { id cui } } } }`))
      .body.data.works.edges.map((e: any) => e.node).find((w: any) => w.cui);
    const shared = await send(key, [item({ externalId: 'AGRO-CUI-1', cui: withCui.cui, sector: 'AGRICULTURE' })]);
    expect(shared.body.errors).toBeUndefined();
    const cuiAlerts = await graphqlRequest(platform.gateway.url, `{ coordinationAlerts(kind: SHARED_CUI, district: "120124", first: 100) { totalCount edges { node { cui works { id } } } } }`);
    const alert = cuiAlerts.body.data.coordinationAlerts.edges.map((e: any) => e.node).find((n: any) => n.cui === withCui.cui);
    expect(alert.works.map((w: any) => w.id)).toEqual(expect.arrayContaining([withCui.id, shared.body.data.upsertInterventions.items[0].workId]));
  });
});
