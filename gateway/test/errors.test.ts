/**
 * Error masking end to end: an unexpected failure in a subgraph (here, a table gone) reaches the
 * client through the gateway as a bare INTERNAL_SERVER_ERROR, with no SQL, table, stack, host or
 * port; the subgraph's log has the detail, under the request id the gateway answered with.
 */
import 'reflect-metadata';
import { capturingStderr, graphqlRequest } from '@articula/common/testing';
import pg from 'pg';
import { type Platform, startPlatform } from './platform.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform('gateway_errors_test');
}, 120_000);
afterAll(() => platform?.stop());

it('masks a database failure behind the gateway and logs its detail under the request id', async () => {
  const admin = new pg.Client({ connectionString: platform.db.url });
  await admin.connect();
  await admin.query('drop table participation.organization cascade');
  await admin.end();

  const { result, text } = await capturingStderr(() => graphqlRequest(platform.gateway.url, '{ organizations(first: 5) { edges { node { name } } } }'));
  const lines = text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  expect(result.status).toBe(200);
  expect(result.body.errors).toEqual([{ message: 'Internal server error', path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  expect(JSON.stringify(result.body)).not.toMatch(/relation|select |stack|127\.0\.0\.1|localhost|postgres|5432|\.ts:\d/i);

  const requestId = result.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const logged = lines.find((l) => l.msg === 'unexpected error' && l.requestId === requestId);
  expect(logged).toMatchObject({ level: 'error', service: 'participation', path: ['organizations'] });
  expect(JSON.stringify(logged.error)).toMatch(/relation .*organization.* does not exist/);
});
