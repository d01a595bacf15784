/**
 * Partial results: with a second subgraph extending Work (a probe standing in for participation
 * and budget until they exist), killing it costs only its own fields.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type WorksService, startWorksService } from '@articula/works';
import { parse } from 'graphql';
import { type RunningGateway, startGateway } from '../src/server.js';
import { SUBGRAPHS } from '../src/subgraphs.js';

const KEY = 'partial-results-identity-key-0123456789abcdef';
const probeTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Work @key(fields: "id") { id: ID! probeNote: String }
`);

let db: TestDatabase;
let works: WorksService;
let probe: ApolloServer;
let gateway: RunningGateway;

beforeAll(async () => {
  db = await createTestDatabase('partial_test');
  works = await startWorksService({ databaseUrl: db.url, port: 0, identitySigningKey: KEY });
  probe = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([{ typeDefs: probeTypeDefs, resolvers: { Work: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, probeNote: `probe:${ref.id.slice(0, 8)}` }) } } }]),
  });
  const { url: probeUrl } = await startStandaloneServer(probe, { listen: { port: 0 } });
  const composed = composeServices([
    { name: 'works', url: SUBGRAPHS[0]!.defaultUrl, typeDefs: parse(readFileSync(SUBGRAPHS[0]!.schemaPath, 'utf8')) },
    { name: 'probe', url: probeUrl, typeDefs: probeTypeDefs },
  ]);
  expect(composed.errors).toBeUndefined();
  gateway = await startGateway({
    port: 0,
    subgraphUrls: { works: works.url, probe: probeUrl },
    supergraphSdl: composed.supergraphSdl!,
    tokenSecret: 'partial-results-token-secret-0123456789abcdef',
    identitySigningKey: KEY,
  });
});
afterAll(async () => {
  await gateway?.close();
  await works?.close();
  await db?.drop();
});

const QUERY = `{ works(first: 3) { totalCount edges { node { id title probeNote } } } }`;

it('joins fields of both subgraphs, and answers with the rest when one is down', async () => {
  const both = await graphqlRequest(gateway.url, QUERY);
  expect(both.body.errors).toBeUndefined();
  for (const { node } of both.body.data.works.edges) expect(node.probeNote).toBe(`probe:${node.id.slice(0, 8)}`);

  await probe.stop();
  const partial = await graphqlRequest(gateway.url, QUERY);
  expect(partial.body.data.works.totalCount).toBeGreaterThanOrEqual(600);
  expect(partial.body.data.works.edges.map((e: any) => e.node.title)).toEqual(both.body.data.works.edges.map((e: any) => e.node.title));
  for (const { node } of partial.body.data.works.edges) expect(node.probeNote).toBeNull();
  expect(partial.body.errors).toHaveLength(1);
  expect(partial.body.errors![0]!.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'probe' });
});
