/**
 * What happens to a /graphql request after the caller is identified and before anything runs:
 * the query limits of the caller's profile (limits.ts), then the rate limit (rate-limit.ts), both
 * from the request's text alone. A refused request never reaches Apollo Server, the query planner,
 * a subgraph or SQL: it is answered here with 400 (a limit, with its code, the limit and the actual
 * value) or 429 (RATE_LIMITED, with the reset time and Retry-After).
 *
 * Batches (a JSON array of operations) are refused for anonymous callers, whose budget they would
 * otherwise multiply past every per-request limit; known callers may send up to ten, each operation
 * checked on its own and the batch charged the sum of their costs.
 *
 * A dataset download has no query to measure: admitFixedCost charges it a fixed price from the
 * same read budget, under the same subject, with the same exemptions and the same 429.
 */
import type { Identity } from '@articula/common';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import { assessRequest, profileFor } from './limits.js';
import { type RateLimitResult, type RateLimiter, rateLimitHeaders, rateLimitedResponse, subjectFor } from './rate-limit.js';

export const MAX_BATCH = 10;

export interface AdmissionOptions {
  limiter?: RateLimiter;
  /** Rate-limit subjects (`ipSubject` of the exempt addresses) that the rate limit skips when anonymous; query limits still apply. */
  exempt?: ReadonlySet<string>;
}

export interface Admitted {
  /** Who is charged (and named in refused attempts): `ip:…`, `key:…`, `bulk:…` or `official:…`. */
  subject: string;
  /** The query texts measured here, which limitsPlugin need not measure again. */
  measured?: ReadonlySet<string>;
}

function refuse(res: express.Response, status: number, message: string, extensions: Record<string, unknown>): undefined {
  res.status(status).json({ errors: [{ message, extensions }] });
  return undefined;
}

/** The caller's address: Express's `req.ip`, which honours the `trust proxy` setting (X-Forwarded-For from known proxies only). */
export const clientAddress = (req: express.Request): string | undefined => req.ip ?? req.socket.remoteAddress;

/** Checks and charges one request; answers the refusal itself and returns undefined, or returns how the request is charged. */
export async function admit(req: express.Request, res: express.Response, identity: Identity, schema: GraphQLSchema, options: AdmissionOptions): Promise<Admitted | undefined> {
  const address = clientAddress(req);
  const subject = subjectFor(identity, address);
  const payload: unknown = req.method === 'GET' ? req.query : req.body;
  const operations = Array.isArray(payload) ? payload : [payload];
  if (Array.isArray(payload)) {
    if (identity.kind === 'anonymous') {
      return refuse(res, 400, 'Batched requests (a JSON array of operations) are not accepted without credentials; send one operation per request.', { code: 'BATCHING_NOT_ALLOWED' });
    }
    if (payload.length === 0 || payload.length > MAX_BATCH) {
      return refuse(res, 400, `A batch holds 1 to ${MAX_BATCH} operations; this one has ${payload.length}.`, { code: 'BATCH_TOO_LARGE', limit: MAX_BATCH, actual: payload.length });
    }
  }

  const profile = profileFor(identity);
  let cost = 0;
  let writes = 0;
  const measured = new Set<string>();
  for (const [index, operation] of operations.entries()) {
    const assessment = assessRequest(operation, schema, profile);
    if (assessment.error) {
      const extensions = Array.isArray(payload) ? { ...assessment.error.extensions, index } : assessment.error.extensions;
      return refuse(res, 400, assessment.error.message, extensions);
    }
    if (assessment.document) measured.add((operation as { query: string }).query);
    // Every request costs at least a point, so that an empty or unparsable one is not free.
    cost += Math.max(1, assessment.cost);
    if (assessment.mutation) writes++;
  }

  const charged = await charge(res, identity, subject, cost, writes, operationNameOf(req), options);
  return charged && { ...charged, measured };
}

/** Charges a request that is not a GraphQL operation (a dataset download) a fixed number of read points; answers a refusal itself. */
export function admitFixedCost(req: express.Request, res: express.Response, identity: Identity, cost: number, options: AdmissionOptions): Promise<Admitted | undefined> {
  return charge(res, identity, subjectFor(identity, clientAddress(req)), cost, 0, { path: req.path }, options);
}

/** Charges the subject's read points, then its writes if any (exempt anonymous addresses pass free); a refusal is answered here. */
async function charge(res: express.Response, identity: Identity, subject: string, cost: number, writes: number, detail: Record<string, unknown>, options: AdmissionOptions): Promise<Admitted | undefined> {
  const limiter = options.limiter;
  if (!limiter || (identity.kind === 'anonymous' && options.exempt?.has(subject))) return { subject };
  const read = await limiter.consume(subject, cost, 'read');
  if (!read.allowed) return refuseRate(res, limiter, read, detail);
  let shown: RateLimitResult = read;
  if (writes > 0) {
    const write = await limiter.consume(subject, writes, 'write');
    if (!write.allowed) return refuseRate(res, limiter, write, detail);
    shown = write;
  }
  res.set(rateLimitHeaders(shown));
  return { subject };
}

function operationNameOf(req: express.Request): Record<string, unknown> {
  const operationName = (req.body as { operationName?: unknown } | undefined)?.operationName;
  return typeof operationName === 'string' ? { operationName } : {};
}

async function refuseRate(res: express.Response, limiter: RateLimiter, result: RateLimitResult, detail: Record<string, unknown>): Promise<undefined> {
  await limiter.recordRefusal(result, detail); // never throws: recordAttempt logs what it cannot record
  const answer = rateLimitedResponse(result);
  res.status(answer.status).set(answer.headers).json(answer.body);
  return undefined;
}
