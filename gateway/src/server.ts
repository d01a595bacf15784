/**
 * The one public GraphQL endpoint. It serves a static supergraph (composed at build time), plans
 * each query across the subgraphs over keep-alive HTTP, verifies the caller's bearer token and
 * passes the identity on in a signed header. When a subgraph is down, the fields it owns come back
 * null with a SUBGRAPH_UNAVAILABLE error and the rest of the answer still arrives.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ErrorCode, IDENTITY_HEADER, PUBLIC_ERROR_CODES, type Identity, type Logger, createLogger, listen, redactPersonalData, signIdentity } from '@articula/common';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiKeyError, ApiKeyStore, KEY_MARK } from './api-keys.js';
import { TokenError, identityFromAuthorization } from './auth.js';
import { attachSubscriptions } from './subscriptions.js';
import { type ApiVariant, SUPERGRAPH_PATHS } from './subgraphs.js';

export interface GatewayContext {
  requestId: string;
  identity: Identity;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Subgraph name → URL of its /graphql endpoint. */
  subgraphUrls: Record<string, string>;
  tokenSecret: string;
  identitySigningKey: string;
  subgraphTimeoutMs?: number;
  /** The gateway's PostgreSQL (its own schema, `gateway`), where agencies' API keys live; without it keys are refused. */
  databaseUrl?: string;
  /** Events a subscription client may have waiting before it is dropped as too slow (default 100). */
  subscriptionQueue?: number;
  /** Supergraphs to serve instead of the committed ones (tests); one string serves both variants. */
  supergraphSdl?: string | Record<ApiVariant, string>;
  logger?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Calls one subgraph. A failed call (refused, reset, timed out, an HTTP error) becomes a
 * SUBGRAPH_UNAVAILABLE error naming the service and nothing else: where it runs stays in the log.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly identitySigningKey: string,
    timeoutMs: number,
    private readonly logger: Logger,
  ) {
    // Node's fetch (undici) keeps connections to subgraphs alive; each call has its own deadline.
    super({ url, fetcher: ((input: string, init: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as any });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (!context?.identity) return;
    request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.identity, this.identitySigningKey));
    request.http?.headers.set('x-request-id', context.requestId);
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }, context?: GatewayContext): never {
    this.logger.warn('subgraph call failed', { service: this.serviceName, requestId: context?.requestId, status: response?.status, detail: redactPersonalData(error.message) });
    throw new GraphQLError(`The ${this.serviceName} service is unavailable; the fields it provides are null.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
    });
  }
}

/** What clients may see of an error: the API's codes pass; anything else is logged and masked. */
function formatGatewayError(formatted: GraphQLFormattedError, logger: Logger): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (PUBLIC_ERROR_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error('unexpected error', { path: formatted.path, detail: redactPersonalData(formatted.message), code });
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger({ service: 'gateway' });
  const timeoutMs = options.subgraphTimeoutMs ?? 5_000;
  const supergraph = (variant: ApiVariant) =>
    typeof options.supergraphSdl === 'string' ? options.supergraphSdl : (options.supergraphSdl?.[variant] ?? readFileSync(SUPERGRAPH_PATHS[variant], 'utf8'));
  for (const variant of ['full', 'public'] as ApiVariant[]) {
    for (const [, name] of supergraph(variant).matchAll(/@join__graph\(name: "([^"]+)"/g)) {
      if (!options.subgraphUrls[name!]) throw new Error(`no URL configured for subgraph ${name}`);
    }
  }

  const apiKeys = options.databaseUrl ? await ApiKeyStore.open(options.databaseUrl) : undefined;

  /** Who is calling: an agency by API key (Bearer artk_… or X-Api-Key), an official by token, or anonymous. */
  async function identifyBy(authorization: string | undefined, headerKey: unknown, remoteAddress: string | undefined): Promise<Identity> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const key = typeof headerKey === 'string' ? headerKey : bearer?.startsWith(KEY_MARK) ? bearer : undefined;
    if (key === undefined) return identityFromAuthorization(authorization, options.tokenSecret);
    if (!apiKeys) throw new ApiKeyError('disabled', 'API keys are not enabled on this gateway');
    const verified = await apiKeys.verify(key, remoteAddress);
    return { kind: 'agency', agency: verified.agencyId, keyPrefix: verified.prefix, scopes: verified.scopes };
  }
  const identify = (req: express.Request) => identifyBy(req.headers.authorization, req.headers['x-api-key'], req.socket.remoteAddress);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;

  // One server per API variant: officials get the full supergraph, everyone else the public one,
  // in which nothing tagged private exists (not even in introspection).
  const servers = {} as Record<ApiVariant, ApolloServer<GatewayContext>>;
  const gateways = {} as Record<ApiVariant, ApolloGateway>;
  for (const variant of ['full', 'public'] as ApiVariant[]) {
    const gateway = (gateways[variant] = new ApolloGateway({
      supergraphSdl: supergraph(variant),
      buildService: ({ name }) => new SubgraphDataSource(name, options.subgraphUrls[name]!, options.identitySigningKey, timeoutMs, logger),
    }));
    servers[variant] = new ApolloServer<GatewayContext>({
      gateway,
      includeStacktraceInErrorResponses: false,
      formatError: (formatted) => formatGatewayError(formatted, logger),
      plugins: variant === 'full' ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [],
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
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
  const context = async ({ req }: { req: express.Request }): Promise<GatewayContext> => (req as any).articula;
  const handlers = {
    full: expressMiddleware(servers.full, { context }),
    public: expressMiddleware(servers.public, { context }),
  };
  app.use('/graphql', express.json({ limit: '1mb' }), async (req, res, next) => {
    const requestId = randomUUID();
    let identity: Identity;
    try {
      identity = await identify(req);
    } catch (error) {
      const reason = error instanceof TokenError || error instanceof ApiKeyError ? error.message : 'the credentials are not valid';
      if (!(error instanceof TokenError || error instanceof ApiKeyError)) logger.error('authentication failed unexpectedly', { requestId, detail: redactPersonalData(String((error as Error)?.message ?? error)) });
      res.status(401).json({ errors: [{ message: `Not authenticated: ${reason}.`, extensions: { code: ErrorCode.UNAUTHENTICATED, reason } }] });
      return;
    }
    (req as any).articula = { requestId, identity } satisfies GatewayContext;
    return handlers[identity.kind === 'official' ? 'full' : 'public'](req, res, next);
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
      await subscriptions.close();
      await servers.public.stop();
      await servers.full.stop();
      await apiKeys?.close();
    },
  };
}
