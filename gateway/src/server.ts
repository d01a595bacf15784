/**
 * The one public GraphQL endpoint. It serves a static supergraph (composed at build time), plans
 * each query across the subgraphs over keep-alive HTTP, verifies the caller's bearer token and
 * passes the identity on in a signed header. When a subgraph is down, hung or slow, the fields it
 * owns come back null with a SUBGRAPH_UNAVAILABLE error and the rest of the answer still arrives
 * (subgraph-client.ts: call deadlines, health probes); every request is answered within the
 * gateway's deadline (deadline.ts). Dataset downloads (`/datasets/works.csv`) are streamed from the
 * subgraph that makes them (datasets.ts), admitted like queries.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { DEFAULT_DATABASE_ROLE_SECRET, ErrorCode, PUBLIC_ERROR_CODES, WORKS_CSV_PATH, type Identity, type Logger, createLogger, listen, provisionServiceRole, redactPersonalData, serviceRoleName } from '@articula/common';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { admit, admitFixedCost, clientAddress } from './admission.js';
import { ApiKeyError, ApiKeyStore, KEY_MARK } from './api-keys.js';
import { DATASET_READ_COST, datasetProxy } from './datasets.js';
import { LIMIT_ERROR_CODES, limitsPlugin, profileFor } from './limits.js';
import { RateLimiter, type RateLimitOptions, ipSubject } from './rate-limit.js';
import { TokenError, identityFromAuthorization } from './auth.js';
import { DEFAULT_GATEWAY_TIMEOUT_MS, requestDeadline, requestSignal } from './deadline.js';
import { SubgraphDataSource, SubgraphHealth, type SubgraphProbeOptions } from './subgraph-client.js';
import { attachSubscriptions } from './subscriptions.js';
import { type ApiVariant, SUPERGRAPH_PATHS } from './subgraphs.js';

export interface GatewayContext {
  requestId: string;
  identity: Identity;
  /** Who the rate limit charges, and who refused attempts are recorded against. */
  subject: string;
  /** Query texts admission measured (limitsPlugin skips them). */
  measured?: ReadonlySet<string>;
  /** Aborted when the request is over for the client (deadline passed, or it disconnected): its subgraph calls stop. */
  signal?: AbortSignal;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Subgraph name → URL of its /graphql endpoint. */
  subgraphUrls: Record<string, string>;
  tokenSecret: string;
  identitySigningKey: string;
  subgraphTimeoutMs?: number;
  /** Every /graphql request is answered within this (default 9,500 ms); one still running then gets HTTP 504, GATEWAY_TIMEOUT. */
  gatewayTimeoutMs?: number;
  /** Health probing of each subgraph (GET /healthz); `false` turns it off (a subgraph is then never marked down). */
  subgraphProbe?: SubgraphProbeOptions | false;
  /** The gateway's PostgreSQL (its own schema, `gateway`), where agencies' API keys live; without it keys are refused. */
  databaseUrl?: string;
  /** Events a subscription client may have waiting before it is dropped as too slow (default 100). */
  subscriptionQueue?: number;
  /** Supergraphs to serve instead of the committed ones (tests); one string serves both variants. */
  supergraphSdl?: string | Record<ApiVariant, string>;
  logger?: Logger;
  /**
   * Rate limits (needs databaseUrl: the counters are shared by every instance through PostgreSQL);
   * `false` turns them off. `exempt` lists client addresses that are not rate-limited when anonymous.
   */
  rateLimits?: (RateLimitOptions & { exempt?: string[] }) | false;
  /** Derives the password of the gateway's database role (DATABASE_ROLE_SECRET); the local default otherwise. */
  databaseRoleSecret?: string;
  /** The gateway's own connection (GATEWAY_APP_DATABASE_URL), for a role provisioned by an operator: then none is provisioned. */
  appDatabaseUrl?: string;
  /** Express's `trust proxy` setting: which proxies' X-Forwarded-For to believe for the caller's address (default: none). */
  trustProxy?: boolean | number | string;
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What clients may see of an error: the API's codes pass; anything else is logged and masked. */
function formatGatewayError(formatted: GraphQLFormattedError, logger: Logger): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (PUBLIC_ERROR_CODES.has(code) || LIMIT_ERROR_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error('unexpected error', { path: formatted.path, detail: redactPersonalData(formatted.message), code });
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger({ service: 'gateway' });
  const timeoutMs = options.subgraphTimeoutMs ?? 5_000;
  const health = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [name, new SubgraphHealth(name, url, logger, options.subgraphProbe || {})]));
  if (options.subgraphProbe !== false) for (const h of health.values()) h.start();
  const supergraph = (variant: ApiVariant) =>
    typeof options.supergraphSdl === 'string' ? options.supergraphSdl : (options.supergraphSdl?.[variant] ?? readFileSync(SUPERGRAPH_PATHS[variant], 'utf8'));
  for (const variant of ['full', 'public'] as ApiVariant[]) {
    for (const [, name] of supergraph(variant).matchAll(/@join__graph\(name: "([^"]+)"/g)) {
      if (!options.subgraphUrls[name!]) throw new Error(`no URL configured for subgraph ${name}`);
    }
  }

  // The gateway's tables are migrated by DATABASE_URL's user (their owner); at run time the gateway
  // works as a role of its own that owns nothing and reaches only the `gateway` schema (db-roles.ts).
  let runtimeUrl = options.databaseUrl;
  if (options.databaseUrl) {
    await ApiKeyStore.migrate(options.databaseUrl);
    await RateLimiter.migrate(options.databaseUrl);
    runtimeUrl = options.appDatabaseUrl ?? await provisionServiceRole(options.databaseUrl, {
      schema: 'gateway', role: serviceRoleName('gateway'), insertOnlyTables: ['api_key_failure'], hiddenTables: ['schema_version', 'rate_limit_schema_version'],
      secret: options.databaseRoleSecret ?? DEFAULT_DATABASE_ROLE_SECRET,
    });
  }
  const apiKeys = runtimeUrl ? await ApiKeyStore.open(runtimeUrl, { migrate: false }) : undefined;
  const rateOptions = options.rateLimits === false ? undefined : options.rateLimits ?? {};
  const limiter = runtimeUrl && rateOptions ? await RateLimiter.open(runtimeUrl, { logger, ...rateOptions, migrate: false }) : undefined;
  // Compared as rate-limit subjects, so an exempt address is recognised however the socket reports it (::ffff:a.b.c.d).
  const exempt = new Set((rateOptions?.exempt ?? []).map(ipSubject));
  // The API schema of each variant, for measuring requests before Apollo Server sees them.
  const apiSchemas = Object.fromEntries((['full', 'public'] as ApiVariant[]).map((v) => [v, Supergraph.build(supergraph(v)).apiSchema().toGraphQLJSSchema()])) as Record<ApiVariant, GraphQLSchema>;

  /** Operations a subgraph refused as FORBIDDEN are recorded against the caller, with the operation's name and the refused paths. */
  const refusalAuditPlugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, request }) {
          if (!limiter || response.body.kind !== 'single') return;
          const forbidden = response.body.singleResult.errors?.filter((e) => e.extensions?.code === ErrorCode.FORBIDDEN) ?? [];
          if (forbidden.length === 0) return;
          await limiter.recordAttempt(contextValue.subject, ErrorCode.FORBIDDEN, { operationName: request.operationName ?? null, paths: forbidden.map((e) => e.path?.join('.') ?? null) });
        },
      };
    },
  };

  /** Who is calling: an agency by API key (Bearer artk_… or X-Api-Key), an official by token, or anonymous. */
  async function identifyBy(authorization: string | undefined, headerKey: unknown, remoteAddress: string | undefined): Promise<Identity> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const key = typeof headerKey === 'string' ? headerKey : bearer?.startsWith(KEY_MARK) ? bearer : undefined;
    if (key === undefined) return identityFromAuthorization(authorization, options.tokenSecret);
    if (!apiKeys) throw new ApiKeyError('disabled', 'API keys are not enabled on this gateway');
    const verified = await apiKeys.verify(key, remoteAddress);
    return { kind: 'agency', agency: verified.agencyId, keyPrefix: verified.prefix, scopes: verified.scopes };
  }
  const identify = (req: express.Request) => identifyBy(req.headers.authorization, req.headers['x-api-key'], clientAddress(req));

  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;

  // One server per API variant: officials get the full supergraph, everyone else the public one,
  // in which nothing tagged private exists (not even in introspection).
  const servers = {} as Record<ApiVariant, ApolloServer<GatewayContext>>;
  const gateways = {} as Record<ApiVariant, ApolloGateway>;
  for (const variant of ['full', 'public'] as ApiVariant[]) {
    const gateway = (gateways[variant] = new ApolloGateway({
      supergraphSdl: supergraph(variant),
      buildService: ({ name }) => new SubgraphDataSource<GatewayContext>({ serviceName: name, url: options.subgraphUrls[name]!, identitySigningKey: options.identitySigningKey, timeoutMs, health: health.get(name)!, logger }),
    }));
    servers[variant] = new ApolloServer<GatewayContext>({
      gateway,
      includeStacktraceInErrorResponses: false,
      // Known callers may batch (admission.ts refuses anonymous batches and bounds the rest).
      allowBatchedHttpRequests: true,
      formatError: (formatted) => formatGatewayError(formatted, logger),
      plugins: [
        ...(variant === 'full' ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
        // Documents admission never saw as text (persisted queries sent by hash) are measured here.
        limitsPlugin<GatewayContext>((context) => profileFor(context.identity), (context, source) => context.measured?.has(source) ?? false),
        refusalAuditPlugin,
      ],
    });
    await servers[variant].start();
  }

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2_000) });
          return [name, r.ok ? 'ready' : 'unavailable'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = checks.every(([, s]) => s === 'ready');
    const circuits = Object.fromEntries([...health].map(([name, h]) => [name, h.snapshot()]));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks), circuits });
  });
  const context = async ({ req }: { req: express.Request }): Promise<GatewayContext> => ({ ...(req as any).articula, signal: requestSignal(req) });
  const handlers = {
    full: expressMiddleware(servers.full, { context }),
    public: expressMiddleware(servers.public, { context }),
  };
  // Every /graphql request is answered within the deadline, whatever happens after this (deadline.ts).
  app.use('/graphql', requestDeadline({ timeoutMs: options.gatewayTimeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS, logger }));
  /** Identifies the caller of a request; answers a refusal itself (401, or 503 when credentials cannot be checked) and returns undefined. */
  async function authenticate(req: express.Request, res: express.Response, requestId: string): Promise<Identity | undefined> {
    try {
      return await identify(req);
    } catch (error) {
      if (!(error instanceof TokenError || error instanceof ApiKeyError)) {
        // Not the caller's fault (the key store did not answer): say so, and let them retry.
        logger.error('authentication failed unexpectedly', { requestId, detail: redactPersonalData(String((error as Error)?.message ?? error)) });
        res.status(503).json({ errors: [{ message: 'Credentials cannot be checked right now; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return undefined;
      }
      await limiter?.recordAttempt(ipSubject(clientAddress(req)), ErrorCode.UNAUTHENTICATED, { reason: error instanceof ApiKeyError ? error.reason : 'token' });
      const reason = error.message;
      res.status(401).json({ errors: [{ message: `Not authenticated: ${reason}.`, extensions: { code: ErrorCode.UNAUTHENTICATED, reason } }] });
      return undefined;
    }
  }

  app.use('/graphql', express.json({ limit: '1mb' }), async (req, res, next) => {
    const requestId = randomUUID();
    res.set('x-request-id', requestId);
    const identity = await authenticate(req, res, requestId);
    if (!identity) return;
    const variant: ApiVariant = identity.kind === 'official' ? 'full' : 'public';
    const admitted = await admit(req, res, identity, apiSchemas[variant], { limiter, exempt });
    if (!admitted) return;
    (req as any).articula = { requestId, identity, subject: admitted.subject, measured: admitted.measured } satisfies GatewayContext;
    return handlers[variant](req, res, next);
  });

  // A body over 1 MB or one that is not JSON: a GraphQL-shaped answer with a code, not Express's HTML page.
  app.use('/graphql', (error: { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'The request body is larger than 1 MB.', extensions: { code: 'REQUEST_TOO_LARGE', limit: 1_048_576 } }] });
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      next(error);
    }
  });

  // Whole datasets, streamed from the subgraph that makes them; each download is charged a fixed price.
  const datasets = datasetProxy({ worksUrl: options.subgraphUrls.works!, health: health.get('works'), logger });
  app.get(WORKS_CSV_PATH, async (req, res) => {
    const requestId = randomUUID();
    res.set('x-request-id', requestId);
    const identity = await authenticate(req, res, requestId);
    if (!identity) return;
    if (!(await admitFixedCost(req, res, identity, DATASET_READ_COST, { limiter, exempt }))) return;
    await datasets.forward(req, res, requestId);
  });

  // Subscriptions over graphql-ws on the same path, authenticated with the same credentials.
  const subscriptions = attachSubscriptions({
    httpServer, gateways, subgraphUrls: options.subgraphUrls, identitySigningKey: options.identitySigningKey, logger, maxQueue: options.subscriptionQueue,
    identify: (params) => {
      const authorization = params.authorization ?? params.Authorization;
      return identifyBy(typeof authorization === 'string' ? authorization : undefined, params['x-api-key'] ?? params['X-Api-Key'], undefined);
    },
  });
  app.get('/subscriptions', (_req, res) => {
    res.json(subscriptions.stats());
  });

  await listen(httpServer, options.port, options.host ?? '127.0.0.1');
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    close: async () => {
      for (const h of health.values()) h.stop();
      await subscriptions.close();
      await servers.public.stop();
      await servers.full.stop();
      datasets.close();
      await apiKeys?.close();
      await limiter?.close();
    },
  };
}
