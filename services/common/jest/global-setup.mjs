// One PostgreSQL per Jest run: DATABASE_URL's server when it is set, otherwise an embedded one in a
// temporary folder on a free port. Each test file then creates its own database on it
// (createTestDatabase), so files never see each other's rows. Plain ESM on the built package,
// because Jest loads global setup outside its module system.
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startDatabase } from '../dist/database.js';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.ARTICULA_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'articula-test-pg-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the folder
  const db = await startDatabase({ port: await freePort(), dataDir: path.join(dir, 'pg'), database: 'articula_test' });
  process.env.ARTICULA_TEST_ADMIN_URL = db.url;
  globalThis.__articulaTestDb = { db, dir };
}
