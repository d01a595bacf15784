/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on a subgraph's own HTTP server and path
 * (`/graphql`), so that the gateway can subscribe upstream. It owns the connection's identity
 * (the gateway's signed header, sent as a connection parameter), one context per subscription
 * refreshed before each event, error masking as on HTTP, and the count of live subscriptions.
 *
 * Only subscriptions are served here: queries and mutations go over HTTP, where the request
 * pipeline (Apollo plugins, SQL counting) lives.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type DocumentNode, type ExecutionArgs, type ExecutionResult, type FragmentDefinitionNode, GraphQLError, type GraphQLSchema, Kind, type SelectionSetNode,
  createSourceEventStream, execute, getOperationAST, parse, validate,
} from 'graphql';
import type { Context as ConnectionContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ANONYMOUS, IDENTITY_HEADER, type Identity, verifyIdentity } from './identity.js';
import type { Logger } from './logger.js';
import { maskError } from './mask-error.js';
import type { BaseContext } from './server.js';
import { withSqlCounter } from './sql-stats.js';

export const SUBSCRIPTIONS_PATH = '/graphql';

export interface SubscriptionServerOptions<C extends BaseContext> {
  httpServer: http.Server;
  schema: GraphQLSchema;
  identitySigningKey: string;
  logger: Logger;
  /** A new context: once per subscription, then again before each of its events. */
  createContext(identity: Identity, requestId: string): C;
}

export interface SubscriptionServer {
  /** Subscriptions streaming now. */
  active(): number;
  /** The same, by root field name. */
  activeByField(): Record<string, number>;
  /** Terminates every socket (their subscriptions end) and stops accepting new ones. */
  close(): Promise<void>;
}

interface Connection {
  identity: Identity;
  requestId: string;
}

interface Operation<C> {
  field: string;
  logger: Logger;
  fresh(): C;
}

/** How long close() waits for the library to finish its per-socket clean-up. */
const CLOSE_GRACE_MS = 5_000;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function attachSubscriptionServer<C extends BaseContext>(options: SubscriptionServerOptions<C>): SubscriptionServer {
  const { schema, logger } = options;
  const connections = new WeakMap<ConnectionContext, Connection>();
  // Keyed by the context object graphql-ws hands back to `subscribe`, which is ours.
  const operations = new WeakMap<object, Operation<C>>();
  const byField = new Map<string, number>();
  let active = 0;
  let openSockets = 0;
  let allClosed: (() => void) | undefined;

  const count = (field: string, delta: 1 | -1) => {
    active += delta;
    const n = (byField.get(field) ?? 0) + delta;
    if (n > 0) byField.set(field, n);
    else byField.delete(field);
  };

  // noServer, with our own 'upgrade' listener: given the HTTP server, ws would also re-emit its
  // 'error' events (a busy port at start-up) as the WebSocket server's, which graphql-ws reports
  // as an internal error.
  const wss = new WebSocketServer({ noServer: true, path: SUBSCRIPTIONS_PATH, maxPayload: 1024 * 1024 });
  wss.on('connection', () => {
    openSockets += 1;
  });
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (wss.shouldHandle(request)) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    } else if (options.httpServer.listenerCount('upgrade') === 1) {
      // Nobody else serves WebSockets on this server: say so rather than leave the socket hanging.
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
  options.httpServer.on('upgrade', onUpgrade);

  /**
   * The subscription's response stream: the resolver's source stream, with the context
   * refreshed before each event is executed. graphql-js executes one event at a time per
   * subscription (the next is pulled after the previous was sent), so replacing the fields of
   * the one context object cannot race with a resolver still using the previous ones.
   */
  const stream = (args: ExecutionArgs, source: AsyncIterable<unknown>, operation: Operation<C>): AsyncIterableIterator<ExecutionResult> => {
    const context = args.contextValue as Record<PropertyKey, unknown>;
    const iterator = source[Symbol.asyncIterator]();
    let finished = false;
    count(operation.field, 1);
    operation.logger.debug('subscription started', { field: operation.field, active });
    const finish = () => {
      if (finished) return;
      finished = true;
      count(operation.field, -1);
      operation.logger.debug('subscription ended', { field: operation.field, active });
    };
    const closeSource = async () => {
      try {
        await iterator.return?.();
      } catch (error) {
        operation.logger.warn('closing a subscription source failed', { field: operation.field, error: String(error) });
      }
    };
    const refresh = () => {
      const fresh = operation.fresh() as unknown as Record<PropertyKey, unknown>;
      for (const key of Reflect.ownKeys(context)) if (!(key in fresh)) delete context[key];
      Object.assign(context, fresh);
    };
    const response: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        if (finished) return { value: undefined, done: true };
        let item: IteratorResult<unknown>;
        try {
          item = await iterator.next();
        } catch (error) {
          finish();
          throw error;
        }
        if (item.done || finished) {
          finish();
          return { value: undefined, done: true };
        }
        try {
          refresh();
          const sql = (context as unknown as BaseContext).sql;
          const value = await withSqlCounter(sql, () => execute({ ...args, rootValue: item.value }));
          return { value, done: false };
        } catch (error) {
          finish();
          await closeSource();
          throw error;
        }
      },
      async return() {
        finish();
        await closeSource();
        return { value: undefined, done: true };
      },
      async throw(error?: unknown) {
        finish();
        await closeSource();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return response;
      },
    };
    return response;
  };

  const format = (errors: readonly GraphQLError[]) => errors.map((error) => maskError(error.toJSON(), error, logger));

  useServer<Record<string, unknown>>(
    {
      schema,
      onConnect: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = params[IDENTITY_HEADER];
        let identity: Identity;
        try {
          if (header !== undefined && typeof header !== 'string') throw new Error('identity parameter is not a string');
          identity = verifyIdentity(header, options.identitySigningKey);
        } catch (error) {
          logger.warn('refused identity on a subscription connection', { reason: (error as Error).message });
          return false; // graphql-ws closes with 4403 Forbidden
        }
        const given = params['x-request-id'] ?? ctx.extra.request.headers['x-request-id'];
        const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        connections.set(ctx, { identity, requestId });
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const connection = connections.get(ctx) ?? { identity: ANONYMOUS, requestId: randomUUID() };
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document);
        if (invalid.length) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify the operation.', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const requestId = `${connection.requestId}:${id}`;
        const contextValue = options.createContext(connection.identity, requestId);
        operations.set(contextValue, {
          field: rootFieldName(operation.selectionSet, document) ?? '(unknown)',
          logger: logger.child({ requestId }),
          fresh: () => options.createContext(connection.identity, requestId),
        });
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      subscribe: async (args) => {
        const operation = operations.get(args.contextValue as object);
        if (!operation) throw new Error('A subscription without the context this server created.');
        const sql = (args.contextValue as BaseContext).sql;
        const source = await withSqlCounter(sql, () => createSourceEventStream(args));
        if (!isAsyncIterable(source)) return source as ExecutionResult;
        return stream(args, source, operation);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onClose: () => {
        openSockets -= 1;
        if (openSockets <= 0) allClosed?.();
      },
    },
    wss,
  );

  return {
    active: () => active,
    activeByField: () => Object.fromEntries(byField),
    close: async () => {
      options.httpServer.off('upgrade', onUpgrade);
      const serverClosed = new Promise<void>((resolve) => wss.close(() => resolve()));
      const cleanedUp = new Promise<void>((resolve) => {
        if (openSockets <= 0) return resolve();
        allClosed = resolve;
        setTimeout(resolve, CLOSE_GRACE_MS).unref();
      });
      // Terminate, not close: a subgraph shutting down does not wait for each peer's handshake;
      // the gateway's client reconnects elsewhere or reports the subscription as ended.
      for (const socket of wss.clients) socket.terminate();
      await serverClosed;
      await cleanedUp;
    },
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** The subscription's one root field (validation guarantees there is one), through fragments. */
function rootFieldName(selectionSet: SelectionSetNode, document: DocumentNode): string | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection.name.value;
    const inner = selection.kind === Kind.INLINE_FRAGMENT
      ? selection.selectionSet
      : document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value)?.selectionSet;
    const name = inner ? rootFieldName(inner, document) : undefined;
    if (name) return name;
  }
  return undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';
}
