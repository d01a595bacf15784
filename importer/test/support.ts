/** The platform as `npm start` runs it, on a fresh database, with a folder for files and an API key for an agency: what the importer's tests start from. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type PlatformProcess, createTestDatabase, startPlatformProcess } from '@articula/common/testing';
import { ApiKeyStore } from '@articula/gateway';

export interface ImportPlatform {
  gatewayUrl: string;
  databaseUrl: string;
  dir: string;
  agencyId: string;
  /** A key of scope interventions:write for the agency. */
  key: string;
  client: pg.Client;
  platform: PlatformProcess;
  stop(): Promise<void>;
}

export async function startImportPlatform(prefix: string, acronym: string, env: Record<string, string> = {}): Promise<ImportPlatform> {
  const db = await createTestDatabase(prefix);
  const dir = await mkdtemp(path.join(os.tmpdir(), `articula-${prefix}-`));
  const platform = await startPlatformProcess({ DATABASE_URL: db.url, GATEWAY_PORT: '0', WORKS_PORT: '0', PARTICIPATION_PORT: '0', BUDGET_PORT: '0', PORTAL: 'off', LOG_LEVEL: 'warn', ...env });
  const gatewayUrl = platform.urls.gateway;
  const agencies: any = await (await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agencies { id acronym } }' }) })).json();
  const agencyId = agencies.data.agencies.find((a: any) => a.acronym === acronym).id;
  const store = await ApiKeyStore.open(db.url);
  const key = (await store.create({ agencyId, label: `${prefix} test`, scopes: ['interventions:write'] })).key;
  await store.close();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    gatewayUrl, databaseUrl: db.url, dir, agencyId, key, client, platform,
    stop: async () => {
      await client.end();
      await platform.stop();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
