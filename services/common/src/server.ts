/**
 * The HTTP server every subgraph runs: Apollo Server 5 on Express 5, `/graphql`, `/healthz`
 * (the process is up) and `/readyz` (its database answers). Each request gets a forked
 * EntityManager, the caller's identity (from the gateway's signed header) and its own
 * DataLoaders. Errors that are not part of the API's vocabulary are logged with the request id
 * and reach the client as a bare INTERNAL_SERVER_ERROR: no SQL, no stack, no host names.
 * Subscriptions are served over graphql-ws on the same port and path (subscriptions-server.ts);
 * `/subscriptions` reports how many are live. A service may add plain HTTP routes of its own
 * beside them (`routes`: a dataset download).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntityManager, MikroORM } from './orm.js';
import { ErrorCode } from './errors.js';
import { IDENTITY_HEADER, type Identity, IdentityHeaderError, verifyIdentity } from './identity.js';
import type { EventBus } from './events.js';
import { type Logger, createLogger } from './logger.js';
import { RequestAbandonedError, maskError } from './mask-error.js';
import { type SqlCounter, withSqlCounter } from './sql-stats.js';
import { attachSubscriptionServer } from './subscriptions-server.js';

export interface BaseContext {
  requestId: string;
  identity: Identity;
  em: EntityManager;
  sql: SqlCounter;
  logger: Logger;
  /** Cross-process events, for subscription resolvers to listen to. */
  events: EventBus;
}

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  identitySigningKey: string;
  /** Adds the service's own per-request state (DataLoaders) to the base context. */
  extendContext: (base: BaseContext) => C;
  /** Sends `x-sql-statements` with each response (tests and benchmarks). */
  exposeSqlStatementCount?: boolean;
  logger?: Logger;
  events: EventBus;
  /** Serve subscriptions over graphql-ws; by default when the schema has a Subscription type. */
  subscriptions?: boolean;
  /** Mounts the service's own plain HTTP routes (a dataset download) on the app, beside /graphql. */
  routes?: (app: express.Express) => void;
}

export { maskError } from './mask-error.js';

/** The logger of the request being served (with its id), for code Apollo calls without the context (formatError). */
const requestLogger = new AsyncLocalStorage<Logger>();

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
}


export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ service: options.name });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;

  const sqlCountPlugin: ApolloServerPlugin<C> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (options.exposeSqlStatementCount) response.http.headers.set('x-sql-statements', String(contextValue.sql.statements));
        },
      };
    },
  };
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    // Masked errors are logged with the request's id (the gateway's, passed in x-request-id).
    formatError: (formatted, error) => maskError(formatted, error, requestLogger.getStore() ?? logger),
    // Inline traces are for Apollo Studio, which we do not use; they cost time on every request.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), sqlCountPlugin],
  });
  await apollo.start();

  // With a signal, the request's SQL is cancelled in PostgreSQL (pg_cancel_backend) once it fires.
  const createContext = (identity: Identity, requestId: string, sql: SqlCounter, signal?: AbortSignal): C => options.extendContext({
    requestId,
    identity,
    em: options.orm.em.fork({ useContext: false, ...(signal ? { signal, inflightQueryAbortStrategy: 'cancel query' as const } : {}) }) as EntityManager,
    sql,
    logger: logger.child({ requestId }),
    events: options.events,
  });
  const subscriptions = (options.subscriptions ?? options.schema.getSubscriptionType() != null)
    ? attachSubscriptionServer<C>({
      httpServer, schema: options.schema, identitySigningKey: options.identitySigningKey, logger,
      createContext: (identity, requestId) => createContext(identity, requestId, { statements: 0 }),
    })
    : undefined;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  // GraphQL requests served over HTTP since start: with `active`, how one can see what a subscription costs this subgraph.
  let requests = 0;
  app.get('/subscriptions', (_req, res) => {
    res.json({ active: subscriptions?.active() ?? 0, byField: subscriptions?.activeByField() ?? {}, requests });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', service: options.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: options.name, reason: 'database unreachable' });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    (_req, _res, next) => {
      requests++;
      next();
    },
    express.json({ limit: '1mb' }),
    (req, res, next) => {
      const counter: SqlCounter = { statements: 0 };
      (req as any).sqlCounter = counter;
      // A caller that gives up (the gateway's deadline passed, the client went away) closes the
      // connection before the answer: what the request still runs in PostgreSQL is cancelled.
      const abandoned = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abandoned.abort(new RequestAbandonedError());
      });
      (req as any).abandoned = abandoned.signal;
      const requestId = String(req.headers['x-request-id'] ?? randomUUID());
      (req as any).requestId = requestId;
      requestLogger.run(logger.child({ requestId }), () => withSqlCounter(counter, next));
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId: string = (req as any).requestId;
        let identity: Identity;
        try {
          identity = verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, options.identitySigningKey);
        } catch (error) {
          logger.warn('refused identity header', { requestId, reason: (error as IdentityHeaderError).message });
          throw new GraphQLError('The identity passed by the gateway could not be verified.', {
            extensions: { code: ErrorCode.UNAUTHENTICATED, reason: 'invalid identity header', http: { status: 401 } },
          });
        }
        return createContext(identity, requestId, (req as any).sqlCounter, (req as any).abandoned);
      },
    }),
  );

  await listen(httpServer, port, host);
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}/graphql`,
    port: actualPort,
    httpServer,
    close: async () => {
      // Upgraded sockets would hold the HTTP server's drain open until its grace period ends.
      await subscriptions?.close();
      await apollo.stop();
    },
  };
}

/** Listens, turning a busy port into an error that names it instead of an unhandled 'error' event. */
export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? Object.assign(new Error(`Port ${port} is busy.`), { code: 'EADDRINUSE', port }) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
