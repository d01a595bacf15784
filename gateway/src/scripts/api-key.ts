/**
 * Agencies' API keys, for an administrator:
 *   npm run api-key -- create --agency <id or acronym> [--scope interventions:write] [--expires YYYY-MM-DD | --days N] [--label text]
 *   npm run api-key -- revoke <prefix>
 *   npm run api-key -- list [--agency <id or acronym>]
 * The key is printed once, on creation; only its prefix and hash are kept. The agency is looked up
 * through the public API (GATEWAY_URL), so a key can only name an agency that exists.
 */
import { parseArgs } from 'node:util';
import { ApiKeyStore, SCOPES, findAgency } from '../api-keys.js';

const USAGE = `Usage:
  npm run api-key -- create --agency <id|acronym> [--scope interventions:write] [--expires YYYY-MM-DD | --days N] [--label text]
  npm run api-key -- revoke <prefix>
  npm run api-key -- list [--agency <id|acronym>]
Needs DATABASE_URL (the platform's PostgreSQL) and, for --agency, the gateway at GATEWAY_URL (default http://127.0.0.1:4000/graphql).`;

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const resolveAgency = (ref: string) => findAgency(process.env.GATEWAY_URL || `http://127.0.0.1:${process.env.GATEWAY_PORT || 4000}/graphql`, ref);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { agency: { type: 'string' }, scope: { type: 'string', multiple: true }, expires: { type: 'string' }, days: { type: 'string' }, label: { type: 'string' } },
});
const [command, arg] = positionals;
if (!process.env.DATABASE_URL) usage('DATABASE_URL is not set.');
const store = await ApiKeyStore.open(process.env.DATABASE_URL!);
try {
  if (command === 'create') {
    if (!values.agency) usage('--agency is required.');
    const agency = await resolveAgency(values.agency);
    let expiresAt: Date | null = null;
    if (values.expires) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires)) usage('--expires must be YYYY-MM-DD.');
      expiresAt = new Date(`${values.expires}T23:59:59-05:00`); // end of that day in Peru
    } else if (values.days) {
      const days = Number(values.days);
      if (!Number.isInteger(days) || days < 1) usage('--days must be a whole number of days, at least 1.');
      expiresAt = new Date(Date.now() + days * 86_400_000);
    }
    const { key, record } = await store.create({ agencyId: agency.id, label: values.label ?? agency.name, scopes: values.scope ?? [SCOPES[0]], expiresAt });
    process.stderr.write(`Key ${record.prefix} for ${agency.name} (scopes: ${record.scopes.join(', ')}; expires: ${record.expiresAt?.toISOString() ?? 'never'}).\nIt is shown only now: give it to the agency over a safe channel.\n`);
    process.stdout.write(`${key}\n`);
  } else if (command === 'revoke') {
    if (!arg) usage('revoke needs the key prefix (artk_…).');
    const done = await store.revoke(arg);
    process.stderr.write(done ? `Key ${arg} revoked; it is refused from now on.\n` : `No active key ${arg}.\n`);
    if (!done) process.exitCode = 1;
  } else if (command === 'list') {
    const agencyId = values.agency ? (await resolveAgency(values.agency)).id : undefined;
    for (const k of await store.list(agencyId)) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active';
      process.stdout.write(`${k.prefix}\t${k.agencyId}\t${k.scopes.join(',')}\t${state}\texpires ${k.expiresAt?.toISOString() ?? 'never'}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}\t${k.label}\n`);
    }
  } else {
    usage(command ? `Unknown command ${command}.` : undefined);
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
