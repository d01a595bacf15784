/** An unexpected failure (here: a table gone) reaches the client as a bare INTERNAL_SERVER_ERROR. */
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
beforeAll(async () => {
  h = await startWorksHarness({ demo: false });
});
afterAll(() => h?.stop());

it('masks database errors: no SQL, no table names, no stack, no host', async () => {
  await h.sql('drop table agency cascade');
  const r = await h.query('{ agencies { id name } }');
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(JSON.stringify(r.body)).not.toMatch(/agency|relation|select|stack|127\.0\.0\.1|postgres/i);
});
