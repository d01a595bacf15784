/**
 * Who is calling, as the gateway established it, passed to subgraphs in a signed header.
 *
 * The gateway verifies the caller's bearer token and forwards the result as
 * `x-articula-identity: v1.<payload>.<signature>` (base64url JSON and HMAC-SHA256 over it, with a key
 * the subgraphs share with the gateway and nobody else). Subgraphs never see the token itself. A
 * header with a wrong signature, an unknown version or an old timestamp is refused outright:
 * treating it as anonymous would hide a misconfiguration or an attack.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from './errors.js';

export type Identity =
  | { kind: 'anonymous' }
  /** A municipal official acting for one department (gerencia), identified by its code. */
  | { kind: 'official'; subject: string; department: string }
  /** An agency's system, by API key: the agency (works' Agency id), the key's public prefix and its scopes. */
  | { kind: 'agency'; agency: string; keyPrefix: string; scopes: string[] };

export const ANONYMOUS: Identity = Object.freeze({ kind: 'anonymous' });
export const IDENTITY_HEADER = 'x-articula-identity';
/** Headers are signed per request; a captured one is useless after this many seconds. */
export const IDENTITY_MAX_AGE_SECONDS = 300;

export class IdentityHeaderError extends Error {
  override name = 'IdentityHeaderError';
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const mac = (key: string, data: string) => createHmac('sha256', key).update(data).digest();

export function signIdentity(identity: Identity, key: string, now: Date = new Date()): string {
  const payload = b64(JSON.stringify({ ...identity, iat: Math.floor(now.getTime() / 1000) }));
  return `v1.${payload}.${b64(mac(key, `v1.${payload}`))}`;
}

/** Returns the identity in a header, anonymous when there is no header, or throws IdentityHeaderError. */
export function verifyIdentity(header: string | undefined, key: string, now: Date = new Date()): Identity {
  if (header === undefined || header === '') return ANONYMOUS;
  const [version, payload, signature, ...rest] = header.split('.');
  if (version !== 'v1' || !payload || !signature || rest.length > 0) {
    throw new IdentityHeaderError('malformed identity header');
  }
  const expected = mac(key, `v1.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new IdentityHeaderError('identity header signature does not match');
  }
  let claims: { kind?: unknown; subject?: unknown; department?: unknown; agency?: unknown; keyPrefix?: unknown; scopes?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityHeaderError('identity header payload is not JSON');
  }
  const age = Math.floor(now.getTime() / 1000) - Number(claims.iat);
  if (!Number.isFinite(age) || age > IDENTITY_MAX_AGE_SECONDS || age < -60) {
    throw new IdentityHeaderError('identity header is expired');
  }
  if (claims.kind === 'anonymous') return ANONYMOUS;
  if (claims.kind === 'official' && typeof claims.subject === 'string' && typeof claims.department === 'string') {
    return { kind: 'official', subject: claims.subject, department: claims.department };
  }
  if (claims.kind === 'agency' && typeof claims.agency === 'string' && typeof claims.keyPrefix === 'string'
    && Array.isArray(claims.scopes) && claims.scopes.every((x) => typeof x === 'string')) {
    return { kind: 'agency', agency: claims.agency, keyPrefix: claims.keyPrefix, scopes: claims.scopes as string[] };
  }
  throw new IdentityHeaderError('identity header names an unknown kind of caller');
}

/**
 * The official calling, for operations only municipal officials may do: anonymous callers are
 * UNAUTHENTICATED; an agency's key is known but not allowed here (FORBIDDEN).
 */
export function officialOrThrow(identity: Identity): Extract<Identity, { kind: 'official' }> {
  if (identity.kind === 'official') return identity;
  if (identity.kind === 'agency') throw forbidden('An agency API key can only send the agency\'s own interventions (upsertInterventions); this operation is for municipal officials.');
  throw unauthenticated();
}
