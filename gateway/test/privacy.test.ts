/**
 * Personal data of citizens never leaves through the public API. (1) The anonymous schema has no
 * field path to submitter data; the same walk over the officials' schema finds one, so the walk
 * can tell. (2) Every public query, answered anonymously on the demo data, carries no DNI, phone
 * or e-mail: neither the submitters' actual values nor anything shaped like them. The expanded
 * queries (everything three levels deep, pages of 100) cost more than an anonymous caller may ask
 * in one request, so they are sent with a bulk:read key, which is served the same public schema.
 */
import 'reflect-metadata';
import { graphqlRequest } from '@articula/common/testing';
import type { BudgetService } from '@articula/budget';
import type { WorksService } from '@articula/works';
import {
  type GraphQLField, type GraphQLNamedType, type GraphQLOutputType, type GraphQLSchema, buildClientSchema, getIntrospectionQuery, getNamedType,
  isEnumType, isLeafType, isNonNullType, isObjectType,
} from 'graphql';
import pg from 'pg';
import { ApiKeyStore } from '../src/api-keys.js';
import { issueOfficialToken } from '../src/auth.js';
import type { RunningGateway } from '../src/server.js';
import { type Platform, TOKEN_SECRET, startPlatform } from './platform.js';

let platform: Platform;
let works: WorksService;
let budget: BudgetService;
let gateway: RunningGateway;
let bulk: Record<string, string>;
/** The tables' owner: the participation service's own role sees no submitter without the assigned department set (row-level security). */
let admin: pg.Pool;
const asAdmin = async (sql: string, params: unknown[] = []) => (await admin.query(sql, params)).rows;

beforeAll(async () => {
  platform = await startPlatform('privacy_test');
  ({ works, budget, gateway } = platform);
  const keys = await ApiKeyStore.open(platform.db.url);
  const agency = (await graphqlRequest(gateway.url, '{ agencies { id } }')).body.data.agencies[0].id;
  bulk = { authorization: `Bearer ${(await keys.create({ agencyId: agency, label: 'privacy test', scopes: ['bulk:read'] })).key}` };
  await keys.close();
  admin = new pg.Pool({ connectionString: platform.db.url, max: 1, options: '-c search_path=participation' });
}, 120_000);
afterAll(async () => {
  await admin?.end();
  await platform?.stop();
});

const PERSONAL_FIELD = /^(dni|phone|email|fullName|address|submitter)$/i;

async function schemaAs(headers: Record<string, string>): Promise<GraphQLSchema> {
  const r = await graphqlRequest(gateway.url, getIntrospectionQuery(), undefined, headers);
  expect(r.body.errors).toBeUndefined();
  return buildClientSchema(r.body.data);
}

/** Every output field path from the root types that ends at a personal-data field or type. */
function personalPaths(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const queue: [GraphQLNamedType, string][] = [schema.getQueryType(), schema.getMutationType()].filter(Boolean).map((t) => [t!, t!.name]);
  while (queue.length) {
    const [type, path] = queue.shift()!;
    if (!isObjectType(type) || seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      const here = `${path}.${field.name}`;
      if (PERSONAL_FIELD.test(field.name) || (isObjectType(target) && /Submitter/.test(target.name))) found.push(here);
      queue.push([target, here]);
    }
  }
  return found;
}

it('has no field path to submitter data in the anonymous schema, while the officials’ schema does', async () => {
  const anonymous = await schemaAs({});
  expect(personalPaths(anonymous)).toEqual([]);
  expect(anonymous.getType('RequestSubmitter')).toBeUndefined();
  expect(anonymous.getType('RequestCase')).toBeUndefined();
  const officials = await schemaAs({ authorization: `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GSP', 'privacy-test')}` });
  expect(personalPaths(officials)).toEqual(expect.arrayContaining(['Query.assignedRequests.edges.node.submitter']));
});

/** Strings in an answer that are a submitter's DNI, phone or e-mail, or look like one. */
function findPersonalData(data: unknown, secrets: Set<string>): string[] {
  const leaks: string[] = [];
  JSON.stringify(data, (_key, value) => {
    if (typeof value === 'string') {
      if (secrets.has(value)) leaks.push(value);
      else {
        // Pure numbers (money, codes) and UUIDs are identifiers, not personal data; apart from them, nothing may look like a DNI, a mobile or an e-mail.
        const text = value.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ' ');
        if (!/^-?\d+(\.\d+)?$/.test(text) && [/(?<![\d.])\d{8}(?![\d.])/, /(?<!\d)9\d{8}(?!\d)/, /[^\s@/]+@[^\s@]+\.[a-z]{2,}/i].some((p) => p.test(text))) leaks.push(value);
      }
    }
    return value;
  });
  return leaks;
}

/** A selection of every leaf field, nested objects down to `depth`, skipping fields that need arguments we cannot invent. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  const parts: string[] = [];
  for (const field of Object.values(named.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const target = getNamedType(field.type);
    if (isLeafType(target)) parts.push(field.name);
    else if (depth > 0) {
      const inner = selection(field.type, depth - 1);
      const args = field.args.some((a) => a.name === 'first') ? '(first: 20)' : '';
      if (inner) parts.push(`${field.name}${args} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

it('answers every public query without a DNI, phone or e-mail in it', async () => {
  const schema = await schemaAs({});
  const sample = async (sql: string) => (await asAdmin(sql))[0];
  const worksSample = async (sql: string) => (await works.orm.em.fork().execute<any[]>(sql))[0];
  const values: Record<string, () => Promise<unknown>> = {
    ubigeo: async () => '120101',
    year: async () => 2026,
    code: async () => 'GOP',
    cui: async () => (await worksSample(`select cui from work where cui is not null limit 1`)).cui,
    trackingCode: async () => (await sample(`select tracking_code as v from citizen_request r join request_submitter s on s.request_id = r.id where r.status = 'RESOLVED' limit 1`)).v,
  };
  const ids: Record<string, () => Promise<string>> = {
    work: async () => (await worksSample(`select id::text as v from work limit 1`)).v,
    agency: async () => (await worksSample(`select id::text as v from agency limit 1`)).v,
    organization: async () => (await sample(`select id::text as v from organization limit 1`)).v,
    meeting: async () => (await sample(`select id::text as v from meeting where status = 'HELD' limit 1`)).v,
    agreement: async () => (await sample(`select id::text as v from agreement limit 1`)).v,
    proposal: async () => (await budget.orm.em.fork().execute<any[]>(`select id::text as v from proposal limit 1`))[0].v,
  };
  // Identifiers, not names: two people may share a name (a submitter and an organization's public
  // representative do in the demo); that no path reaches submitters' names is the schema walk's job.
  const secrets = new Set(
    (await asAdmin(`select dni, phone, email from request_submitter`)).flatMap((s) => [s.dni, s.phone, s.email]).filter(Boolean),
  );
  expect(secrets.size).toBeGreaterThan(1000);

  let queries = 0;
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const inner = selection(field.type, 3);
    const required = field.args.filter((a) => isNonNullType(a.type));
    const enumArg = required.find((a) => isEnumType(getNamedType(a.type)));
    const variants = enumArg ? (getNamedType(enumArg.type) as any).getValues().map((v: any) => v.name) : [undefined];
    for (const variant of variants) {
      const args: string[] = [];
      for (const a of required) {
        if (a === enumArg) args.push(`${a.name}: ${variant}`);
        else if (a.name === 'id') args.push(`id: ${JSON.stringify(await ids[field.name]!())}`);
        else args.push(`${a.name}: ${JSON.stringify(await values[a.name]!())}`);
      }
      if (field.args.some((a) => a.name === 'first')) args.push('first: 100');
      const query = `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''}${inner ? ` { ${inner} }` : ''} }`;
      const r = await graphqlRequest(gateway.url, query, undefined, bulk);
      expect({ query, errors: r.body.errors }).toEqual({ query, errors: undefined });
      const leaks = findPersonalData(r.body.data, secrets);
      expect({ query: field.name, leaks }).toEqual({ query: field.name, leaks: [] });
      queries += 1;
    }
  }
  expect(queries).toBeGreaterThanOrEqual(20);
}, 120_000);

it('catches a DNI planted in a public field (so the scan above can fail)', async () => {
  const [{ dni }] = await asAdmin(`select dni from request_submitter where dni is not null limit 1`);
  const [org] = await asAdmin(`select id::text as id, name from organization order by id limit 1`);
  await asAdmin(`update organization set name = $1 where id = $2`, [`${org.name} (DNI ${dni})`, org.id]);
  try {
    const r = await graphqlRequest(gateway.url, `query($id: ID!) { organization(id: $id) { name } }`, { id: org.id });
    expect(findPersonalData(r.body.data, new Set([dni]))).toEqual([`${org.name} (DNI ${dni})`]);
    expect(findPersonalData(r.body.data, new Set())).toEqual([`${org.name} (DNI ${dni})`]);
  } finally {
    await asAdmin(`update organization set name = $1 where id = $2`, [org.name, org.id]);
  }
});
