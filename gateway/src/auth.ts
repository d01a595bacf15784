/**
 * Bearer tokens for officials: HS256 JWTs signed with AUTH_TOKEN_SECRET, naming the department the
 * official acts for. The gateway verifies them; subgraphs only ever see the signed identity header.
 */
import { type Identity, ANONYMOUS } from '@articula/common';
import { SignJWT, errors, jwtVerify } from 'jose';

const ISSUER = 'articula';
const AUDIENCE = 'articula-api';
const key = (secret: string) => new TextEncoder().encode(secret);

export async function issueOfficialToken(secret: string, department: string, subject: string, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({ kind: 'official', department })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

export class TokenError extends Error {
  override name = 'TokenError';
}

/** Anonymous without an Authorization header; the official's identity with a valid token; TokenError otherwise. */
export async function identityFromAuthorization(header: string | undefined, secret: string): Promise<Identity> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new TokenError('the Authorization header must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(match[1]!, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (payload.kind === 'official' && typeof payload.department === 'string' && typeof payload.sub === 'string') {
      return { kind: 'official', subject: payload.sub, department: payload.department };
    }
    throw new TokenError('the token does not name an official and a department');
  } catch (error) {
    if (error instanceof TokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
    throw new TokenError('the token is not valid');
  }
}
