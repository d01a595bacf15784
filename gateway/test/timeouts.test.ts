/**
 * Timeouts, with a deliberately slow resolver: a small extra subgraph, built from common's server
 * pieces as every subgraph is, whose one field runs `select pg_sleep(…)` in PostgreSQL. Composed
 * with the works subgraph, so that each answer also shows that the rest of the request arrives.
 *
 *  - With the platform's limits (statement_timeout 4 s under the gateway's 5 s subgraph deadline,
 *    the gateway's own deadline 9.5 s), PostgreSQL cancels the statement (SQLSTATE 57014): the
 *    client gets QUERY_TIMEOUT for that field and the works data, well within 10.5 s.
 *  - With no statement limit and a subgraph deadline longer than the gateway's, the gateway's own
 *    deadline answers (HTTP 504, GATEWAY_TIMEOUT) within 10.5 s, and the abandoned subgraph call
 *    cancels its query in PostgreSQL: pg_stat_activity shows it gone.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type BaseContext, type DatabaseTimeouts, EventBus, type MikroORM, type RunningServer, createOrm, startSubgraphServer } from '@articula/common';
import { type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type WorksService, startWorksService } from '@articula/works';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { parse } from 'graphql';
import pg from 'pg';
import { type RunningGateway, startGateway } from '../src/server.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import { type LogEntry, recordingLogger, timed, until } from './fault-tools.js';

const KEY = 'timeouts-test-identity-key-0123456789abcdef';
const SLOW_TYPEDEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
  type Query { "Sleeps in PostgreSQL for the given seconds." slowAnswer(seconds: Int!): String }
`);

/** MikroORM refuses to start without an entity; the slow subgraph only runs raw SQL. */
@Entity({ tableName: 'slow_probe' })
class SlowProbe {
  @PrimaryKey()
  id!: number;
}

interface SlowSubgraph {
  url: string;
  logs: LogEntry[];
  close(): Promise<void>;
}

/** The slow subgraph, with the given database time limits. */
async function startSlowSubgraph(databaseUrl: string, timeouts?: DatabaseTimeouts): Promise<SlowSubgraph> {
  const logger = recordingLogger();
  const orm: MikroORM = await createOrm({ url: databaseUrl, schema: 'public', entities: [SlowProbe], migrations: [], timeouts });
  const events = await EventBus.start({ databaseUrl, logger });
  const schema = buildSubgraphSchema([{
    typeDefs: SLOW_TYPEDEFS,
    resolvers: {
      Query: {
        slowAnswer: async (_: unknown, { seconds }: { seconds: number }, context: BaseContext) => {
          await context.em.execute(`select pg_sleep(${Number(seconds)}) /* slow resolver */`);
          return `slept ${seconds} s`;
        },
      },
    },
  }]);
  const server: RunningServer = await startSubgraphServer<BaseContext>(
    { name: 'slow', schema, orm, identitySigningKey: KEY, extendContext: (base) => base, logger, events },
    0,
  );
  return {
    url: server.url,
    logs: logger.entries,
    close: async () => {
      await server.close();
      await events.close();
      await orm.close();
    },
  };
}

let db: TestDatabase;
let admin: pg.Client;
let works: WorksService;
const stops: Array<() => Promise<void>> = [];
let supergraphSdl: string;

beforeAll(async () => {
  db = await createTestDatabase('timeouts');
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  works = await startWorksService({ databaseUrl: db.url, port: 0, identitySigningKey: KEY, demo: false });
  const composed = composeServices([
    { name: 'works', url: SUBGRAPHS[0]!.defaultUrl, typeDefs: parse(readFileSync(SUBGRAPHS[0]!.schemaPath, 'utf8')) },
    { name: 'slow', url: 'http://127.0.0.1:1/graphql', typeDefs: SLOW_TYPEDEFS },
  ]);
  expect(composed.errors).toBeUndefined();
  supergraphSdl = composed.supergraphSdl!;
});

afterAll(async () => {
  // One failing stop must not leave the rest (a child process above all) running.
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  await works?.close();
  await admin?.end();
  await db?.drop();
});

async function gatewayFor(slow: SlowSubgraph, options: { subgraphTimeoutMs?: number } = {}): Promise<RunningGateway> {
  const gateway = await startGateway({
    port: 0, subgraphUrls: { works: works.url, slow: slow.url }, supergraphSdl, identitySigningKey: KEY,
    tokenSecret: 'timeouts-test-token-secret-0123456789abcdef', logger: recordingLogger(), ...options,
  });
  stops.push(() => gateway.close());
  return gateway;
}

/** Statements of the slow resolver still running in PostgreSQL. */
async function sleepingStatements(): Promise<number> {
  const { rows } = await admin.query(
    `select count(*)::int as n from pg_stat_activity where state = 'active' and query like '%/* slow resolver */%' and pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}

const QUERY = `{ works(first: 1) { totalCount } slowAnswer(seconds: 30) }`;

it('cancels a slow statement in PostgreSQL (statement_timeout, SQLSTATE 57014): the client gets an error for that field and the rest, within 10.5 s', async () => {
  const slow = await startSlowSubgraph(db.url); // the platform's default limits
  stops.push(slow.close);
  const gateway = await gatewayFor(slow); // the gateway's default deadlines

  const { value: r, ms } = await timed(() => graphqlRequest(gateway.url, QUERY));
  expect(ms).toBeLessThan(10_500);
  expect(r.status).toBe(200);
  expect(r.body.data).toEqual({ works: { totalCount: 0 }, slowAnswer: null });
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors![0]).toMatchObject({ path: ['slowAnswer'], extensions: { code: 'QUERY_TIMEOUT' } });
  expect(JSON.stringify(r.body)).not.toMatch(/pg_sleep|select|statement_timeout/i);

  // PostgreSQL cancelled it: nothing of it still runs, and the subgraph logged why.
  expect(await sleepingStatements()).toBe(0);
  expect(slow.logs).toContainEqual(expect.objectContaining({ msg: 'statement cancelled', sqlState: '57014', detail: expect.stringMatching(/statement timeout/) }));
  console.log(`slow resolver under statement_timeout: answered in ${Math.round(ms)} ms`);
}, 30_000);

it("answers by its own deadline (HTTP 504, GATEWAY_TIMEOUT) within 10.5 s when nothing else stops the call, and the subgraph's query is cancelled in PostgreSQL", async () => {
  const slow = await startSlowSubgraph(db.url, { statementMs: 0 }); // no statement limit at all
  stops.push(slow.close);
  const gateway = await gatewayFor(slow, { subgraphTimeoutMs: 60_000 }); // longer than the gateway's deadline

  const { value: r, ms } = await timed(() => graphqlRequest(gateway.url, QUERY));
  expect(ms).toBeLessThan(10_500);
  expect(r.status).toBe(504);
  expect(r.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'GATEWAY_TIMEOUT' } }]);

  // The gateway abandoned the call; the subgraph saw its caller go and cancelled the statement.
  expect(await until(async () => (await sleepingStatements()) === 0, 3_000)).toBe(true);
  expect(await until(() => slow.logs.some((e) => e.msg === 'request abandoned by the caller'), 3_000)).toBe(true);
  expect(slow.logs.filter((e) => e.level === 'error')).toEqual([]);
  console.log(`slow resolver without statement_timeout: gateway deadline answered in ${Math.round(ms)} ms`);

  // The gateway and the subgraph serve on afterwards.
  const quick = await graphqlRequest(gateway.url, `{ works(first: 1) { totalCount } slowAnswer(seconds: 0) }`);
  expect(quick.body).toEqual({ data: { works: { totalCount: 0 }, slowAnswer: 'slept 0 s' } });
}, 30_000);
