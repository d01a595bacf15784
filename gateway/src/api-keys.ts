/**
 * API keys for agencies' systems, kept by the gateway in its own PostgreSQL schema (`gateway`).
 *
 * A key reads `artk_<id>_<secret>`: the `artk_<id>` prefix is public (it is what logs, the audit
 * trail and an administrator see) and the secret is shown once, at creation. Only the prefix and
 * the SHA-256 of the whole key are stored; the secret is 256 random bits, so a plain hash is as
 * strong as a slow one. Every request looks the key up (no cache), so a revocation is effective
 * at once; failed attempts are recorded with their reason.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import pg from 'pg';

export const KEY_MARK = 'artk_';
/** interventions:write lets an agency push its interventions; bulk:read gives larger query and rate budgets for copying whole datasets (still the public API). */
export const SCOPES = ['interventions:write', 'bulk:read'] as const;
export type Scope = (typeof SCOPES)[number];
const KEY_PATTERN = /^(artk_[a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export interface ApiKeyRecord {
  prefix: string;
  agencyId: string;
  label: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface VerifiedKey { agencyId: string; prefix: string; scopes: string[] }

/** Why a key was refused; the message is what the caller reads. */
export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
  constructor(readonly reason: 'malformed' | 'unknown' | 'expired' | 'revoked' | 'disabled', message: string) {
    super(message);
  }
}

const MIGRATIONS = [
  `create schema if not exists gateway;
   create table if not exists gateway.schema_version (version int not null);
   create table if not exists gateway.api_key (
     prefix text primary key,
     key_hash bytea not null,
     agency_id uuid not null,
     label text not null,
     scopes text[] not null check (cardinality(scopes) > 0),
     created_at timestamptz not null default now(),
     expires_at timestamptz,
     revoked_at timestamptz,
     last_used_at timestamptz
   );
   create index if not exists api_key_agency on gateway.api_key (agency_id);
   create table if not exists gateway.api_key_failure (
     id bigserial primary key,
     at timestamptz not null default now(),
     prefix text,
     reason text not null,
     remote_address text
   );
   create index if not exists api_key_failure_at on gateway.api_key_failure (at);`,
];

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class ApiKeyStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects; by default first brings the gateway's schema up to date (which needs the schema's owner). */
  static async open(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<ApiKeyStore> {
    if (options.migrate ?? true) await ApiKeyStore.migrate(databaseUrl);
    // Bounded waits: a database that does not answer fails the key check in 4 s instead of holding the request.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'articula-gateway-api-keys', connectionTimeoutMillis: 4_000, query_timeout: 4_000 });
    // An idle client's error (the server restarting) must not crash the gateway; the next query reconnects.
    pool.on('error', () => {});
    return new ApiKeyStore(pool);
  }

  /** Brings the key tables up to date, serialized with every other instance by an advisory lock. */
  static async migrate(databaseUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`select pg_advisory_lock(hashtext('articula.gateway.migrations'))`);
      await client.query(`create schema if not exists gateway; create table if not exists gateway.schema_version (version int not null)`);
      const { rows } = await client.query<{ v: number | null }>('select max(version) as v from gateway.schema_version');
      for (let v = rows[0]?.v ?? 0; v < MIGRATIONS.length; v++) {
        await client.query('begin');
        await client.query(MIGRATIONS[v]!);
        await client.query('insert into gateway.schema_version (version) values ($1)', [v + 1]);
        await client.query('commit');
      }
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      await client.query(`select pg_advisory_unlock(hashtext('articula.gateway.migrations'))`).catch(() => {});
      await client.end();
    }
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the caller's hands. */
  async create(input: { agencyId: string; label: string; scopes: string[]; expiresAt?: Date | null }): Promise<{ key: string; record: ApiKeyRecord }> {
    const unknown = input.scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length || input.scopes.length === 0) throw new Error(`scopes must be among ${SCOPES.join(', ')} (got ${input.scopes.join(', ') || 'none'})`);
    if (!/^[0-9a-f-]{36}$/i.test(input.agencyId)) throw new Error('agencyId must be a UUID');
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw new Error('the expiry must be in the future');
    const id = Array.from(randomBytes(10), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
    const prefix = `${KEY_MARK}${id}`;
    const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const { rows } = await this.pool.query(
      `insert into gateway.api_key (prefix, key_hash, agency_id, label, scopes, expires_at) values ($1, $2, $3, $4, $5, $6) returning *`,
      [prefix, sha256(key), input.agencyId, input.label, [...new Set(input.scopes)], input.expiresAt ?? null],
    );
    return { key, record: toRecord(rows[0]) };
  }

  /** Revokes a key by its prefix; true when a key was active and now is not. */
  async revoke(prefix: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('update gateway.api_key set revoked_at = now() where prefix = $1 and revoked_at is null', [prefix]);
    return rowCount === 1;
  }

  async list(agencyId?: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query(`select * from gateway.api_key ${agencyId ? 'where agency_id = $1' : ''} order by created_at`, agencyId ? [agencyId] : []);
    return rows.map(toRecord);
  }

  async failures(since: Date): Promise<Array<{ at: Date; prefix: string | null; reason: string; remoteAddress: string | null }>> {
    const { rows } = await this.pool.query('select at, prefix, reason, remote_address from gateway.api_key_failure where at >= $1 order by id', [since]);
    return rows.map((r) => ({ at: r.at, prefix: r.prefix, reason: r.reason, remoteAddress: r.remote_address }));
  }

  /** The key's agency and scopes, or ApiKeyError (recorded as a failed attempt). */
  async verify(raw: string, remoteAddress?: string): Promise<VerifiedKey> {
    const m = KEY_PATTERN.exec(raw);
    if (!m) return this.fail(null, 'malformed', 'the API key is not valid', remoteAddress);
    const prefix = m[1]!;
    const { rows } = await this.pool.query('select key_hash, agency_id, scopes, expires_at, revoked_at from gateway.api_key where prefix = $1', [prefix]);
    const row = rows[0];
    // An unknown prefix and a wrong secret read the same to the caller.
    if (!row || !timingSafeEqual(row.key_hash, sha256(raw))) return this.fail(prefix, 'unknown', 'the API key is not valid', remoteAddress);
    if (row.revoked_at) return this.fail(prefix, 'revoked', 'the API key has been revoked', remoteAddress);
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) return this.fail(prefix, 'expired', 'the API key has expired', remoteAddress);
    // Last use is kept to the minute: enough to spot an unused key, without a write per request.
    await this.pool.query(`update gateway.api_key set last_used_at = now() where prefix = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`, [prefix]);
    return { agencyId: row.agency_id, prefix, scopes: row.scopes };
  }

  private async fail(prefix: string | null, reason: ApiKeyError['reason'], message: string, remoteAddress?: string): Promise<never> {
    await this.pool.query('insert into gateway.api_key_failure (prefix, reason, remote_address) values ($1, $2, $3)', [prefix, reason, remoteAddress ?? null]);
    throw new ApiKeyError(reason, message);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function toRecord(r: any): ApiKeyRecord {
  return {
    prefix: r.prefix, agencyId: r.agency_id, label: r.label, scopes: r.scopes, createdAt: r.created_at,
    expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
  };
}

export interface AgencyRef { id: string; name: string; acronym: string | null; isMunicipality: boolean }

/**
 * The agency a key is for, as the public API lists them: by id or acronym (any case), or the
 * municipality when `ref` is omitted. For the key scripts, `npm start` and the benchmark.
 */
export async function findAgency(gatewayUrl: string, ref?: string): Promise<AgencyRef> {
  let agencies: AgencyRef[];
  try {
    const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agencies { id name acronym isMunicipality } }' }) });
    agencies = ((await response.json()) as { data: { agencies: AgencyRef[] } }).data.agencies;
  } catch (error) {
    throw new Error(`cannot list the agencies at ${gatewayUrl} (${(error as Error).message}); is the platform running?`);
  }
  const match = agencies.find((a) => (ref === undefined ? a.isMunicipality : a.id === ref || a.acronym?.toLowerCase() === ref.toLowerCase()));
  if (!match) throw new Error(`no agency "${ref ?? 'municipality'}"; known: ${agencies.map((a) => a.acronym ?? a.id).join(', ')}`);
  return match;
}
