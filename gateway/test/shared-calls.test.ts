/**
 * Identical reads in flight at the same time, for the same caller, share one subgraph call; a
 * mutation is never shared, nor are the reads of different callers.
 */
import 'reflect-metadata';
import { graphqlRequest } from '@articula/common/testing';
import { issueOfficialToken } from '../src/auth.js';
import { type Platform, TOKEN_SECRET, startPlatform } from './platform.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform('shared_calls_test', { gateway: { rateLimits: false } });
}, 120_000);
afterAll(() => platform?.stop());

const served = async (service: { url: string }) => ((await (await fetch(new URL('/subscriptions', service.url))).json()) as { requests: number }).requests;

it('sends 20 identical concurrent anonymous reads to the subgraph fewer than 20 times, and every client gets the whole answer', async () => {
  const query = '{ works(first: 100) { totalCount edges { node { id title } } } }';
  const before = await served(platform.works);
  const answers = await Promise.all(Array.from({ length: 20 }, () => graphqlRequest(platform.gateway.url, query)));
  const calls = (await served(platform.works)) - before;
  expect(answers.every((a) => a.status === 200 && !a.body.errors)).toBe(true);
  expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
  expect(answers[0]!.body.data.works.edges).toHaveLength(100);
  expect(calls).toBeGreaterThanOrEqual(1);
  expect(calls).toBeLessThan(20);
});

it('never shares a mutation: two identical concurrent mutations are two calls and two writes', async () => {
  const submit = `mutation { submitRequest(input: { kind: NEED, category: ROADS_AND_TRANSPORT, district: "120101", description: "Bache profundo en el jirón principal" }) { trackingCode } }`;
  const before = await served(platform.participation);
  const [a, b] = await Promise.all([graphqlRequest(platform.gateway.url, submit), graphqlRequest(platform.gateway.url, submit)]);
  expect((await served(platform.participation)) - before).toBe(2);
  expect(a.body.data.submitRequest.trackingCode).not.toBe(b.body.data.submitRequest.trackingCode);
});

it('does not share a read between different callers', async () => {
  const official = { authorization: `Bearer ${await issueOfficialToken(TOKEN_SECRET, 'GDU', 'shared-calls-test')}` };
  const query = '{ departments { code name } }';
  const before = await served(platform.works);
  await Promise.all([graphqlRequest(platform.gateway.url, query), graphqlRequest(platform.gateway.url, query, undefined, official)]);
  expect((await served(platform.works)) - before).toBe(2);
});

it('survives clients that give up while they share a call, and answers the next one', async () => {
  const query = '{ works(first: 100) { edges { node { id title districts { name } } } } }';
  const gone = Array.from({ length: 10 }, async (_, i) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), i % 3);
    await fetch(platform.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal: controller.signal }).catch(() => undefined);
  });
  await Promise.all(gone);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const next = await graphqlRequest(platform.gateway.url, query);
  expect(next.status).toBe(200);
  expect(next.body.data.works.edges).toHaveLength(100);
});
