/**
 * Subscriptions at the gateway, over graphql-ws on the same `/graphql` path.
 *
 * @apollo/gateway plans a subscription (the owning subgraph's part, `primary`, and the rest) but
 * does not execute it. Here: the caller is authenticated at connection time (same tokens and keys
 * as HTTP); the operation is validated against the API schema the caller may see (a field it may
 * not read fails validation); the gateway subscribes upstream to the owning subgraph over
 * graphql-ws with `primary`, and for each event runs the rest of the plan through the ordinary
 * query-plan executor, with the event's data standing in for the primary fetch.
 *
 * Identical subscriptions (same operation, variables, API variant and caller scope) share one
 * upstream subscription and one execution of the rest per event, fanned out to every client. Each
 * client has a bounded queue; a client that falls behind past it is dropped, not buffered. When
 * the last client of a subscription leaves, the upstream one ends.
 */
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { operationFromDocument } from '@apollo/federation-internals';
import { type ApolloGateway, type ServiceMap, buildOperationContext, executeQueryPlan } from '@apollo/gateway';
import { IDENTITY_HEADER, type Identity, type Logger, signIdentity } from '@articula/common';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, getOperationAST, parse, print, validate } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { assessRequest, profileFor } from './limits.js';
import type { ApiVariant } from './subgraphs.js';

export interface SubscriptionOptions {
  httpServer: http.Server;
  gateways: Record<ApiVariant, ApolloGateway>;
  subgraphUrls: Record<string, string>;
  identitySigningKey: string;
  logger: Logger;
  /** The caller, from the connection's parameters (authorization / x-api-key); throws when refused. */
  identify(params: Record<string, unknown>): Promise<Identity>;
  /** Events a client may have waiting before it is dropped as too slow. */
  maxQueue?: number;
}

interface Listener {
  push(result: ExecutionResult): void;
  fail(error: Error): void;
}

interface Shared {
  listeners: Set<Listener>;
  dispose(): void;
}

const identityScope = (identity: Identity) =>
  identity.kind === 'official' ? `official:${identity.department}` : identity.kind === 'agency' ? `agency:${identity.agency}:${identity.scopes.join(',')}` : 'anonymous';

/** A bounded async queue for one client. */
export function clientStream(maxQueue: number, onClose: () => void) {
  const queue: ExecutionResult[] = [];
  let waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  let failed: Error | null = null;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    onClose();
  };
  const listener: Listener = {
    push(result) {
      if (done) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: result, done: false });
      } else if (queue.length >= maxQueue) {
        listener.fail(new GraphQLError(`Dropped: this client fell more than ${maxQueue} events behind.`, { extensions: { code: 'SLOW_CONSUMER' } }));
      } else queue.push(result);
    },
    fail(error) {
      if (done) return;
      failed = error;
      queue.length = 0;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: { errors: [error instanceof GraphQLError ? error : new GraphQLError(error.message)] }, done: false });
      }
      finish();
    },
  };
  const iterator: AsyncGenerator<ExecutionResult> = {
    async next() {
      if (queue.length) return { value: queue.shift()!, done: false };
      if (failed) {
        const error = failed;
        failed = null;
        return { value: { errors: [error instanceof GraphQLError ? error : new GraphQLError(error.message)] }, done: false };
      }
      if (done) return { value: undefined, done: true };
      return new Promise((resolve) => (waiting = resolve));
    },
    async return() {
      finish();
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return { value: undefined, done: true };
    },
    async throw(error) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    async [Symbol.asyncDispose]() {
      await this.return(undefined);
    },
  } as AsyncGenerator<ExecutionResult>;
  return { listener, iterator };
}

export function attachSubscriptions(options: SubscriptionOptions) {
  const maxQueue = options.maxQueue ?? 100;
  const shared = new Map<string, Shared>();
  const upstreamClients = new Map<string, Client>();

  /** One graphql-ws client per subgraph and caller scope; the identity is signed afresh at each (re)connection. */
  function upstream(service: string, identity: Identity): Client {
    const key = `${service}|${identityScope(identity)}`;
    let client = upstreamClients.get(key);
    if (!client) {
      const url = options.subgraphUrls[service]!.replace(/^http/, 'ws');
      client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: 1_000,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        connectionParams: () => ({ [IDENTITY_HEADER]: signIdentity(identity, options.identitySigningKey) }),
      });
      upstreamClients.set(key, client);
    }
    return client;
  }

  function start(key: string, variant: ApiVariant, identity: Identity, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): Shared {
    const gateway = options.gateways[variant] as any;
    const { queryPlanner } = gateway.__testing();
    const operation = operationFromDocument(gateway.apiSchema, document, { operationName });
    const plan = queryPlanner.buildQueryPlan(operation);
    const node = plan.node;
    if (node?.kind !== 'Subscription') throw new GraphQLError('Only subscriptions are served over this connection; send queries and mutations over HTTP.');
    const primary = node.primary;
    const rest = node.rest;
    const entry: Shared = { listeners: new Set(), dispose: () => {} };
    const serviceMap: ServiceMap = Object.fromEntries(Object.entries(gateway.serviceMap).map(([name, value]: [string, any]) => [name, value.dataSource]));
    const operationContext = buildOperationContext({ schema: gateway.schema, operationDocument: document, operationName });
    const primaryVariables = Object.fromEntries((primary.variableUsages ?? []).filter((v: string) => v in variables).map((v: string) => [v, variables[v]]));

    // The rest of the plan for every event: the event's data stands in for the primary fetch,
    // through a service that answers with it. Built once per shared subscription, not per event.
    const eventService = '__subscription_event__';
    const eventPlan = {
      kind: 'QueryPlan',
      node: rest ? { kind: 'Sequence', nodes: [{ ...primary, serviceName: eventService }, rest] } : { ...primary, serviceName: eventService },
    };
    const query = print(document);
    async function resolveEvent(eventData: Record<string, unknown>): Promise<ExecutionResult> {
      const requestContext: any = {
        request: { query, variables, operationName },
        document,
        operationName: operationName ?? null,
        context: { requestId: randomUUID(), identity },
        logger: options.logger,
        metrics: {},
        cache: undefined,
        overallCachePolicy: {},
      };
      const map = { ...serviceMap, [eventService]: { process: async () => ({ data: eventData }) } } as ServiceMap;
      return executeQueryPlan(eventPlan as any, map, requestContext, operationContext, gateway.supergraphSchema, gateway.apiSchema) as Promise<ExecutionResult>;
    }

    // Events are resolved one at a time, in order, however fast they arrive.
    let chain = Promise.resolve();
    const dispose = upstream(primary.serviceName, identity).subscribe(
      { query: primary.operation, variables: primaryVariables, operationName: primary.operationName ?? undefined },
      {
        next: (result) => {
          chain = chain.then(async () => {
            if (entry.listeners.size === 0) return;
            let out: ExecutionResult;
            if (result.errors?.length || !result.data) out = { errors: (result.errors ?? []).map((e: any) => new GraphQLError(e.message, { extensions: e.extensions })) };
            else {
              try {
                out = await resolveEvent(result.data as Record<string, unknown>);
              } catch (error) {
                options.logger.error('subscription event failed', { detail: (error as Error).message });
                out = { errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
              }
            }
            for (const l of entry.listeners) l.push(out);
          });
        },
        error: (error) => {
          const message = error instanceof Error ? error.message : Array.isArray(error) ? error.map((e: any) => e.message).join('; ') : 'the upstream subscription failed';
          for (const l of [...entry.listeners]) l.fail(new GraphQLError(message, { extensions: { code: Array.isArray(error) ? (error[0] as any)?.extensions?.code ?? 'SUBGRAPH_UNAVAILABLE' : 'SUBGRAPH_UNAVAILABLE' } }));
          shared.delete(key);
        },
        complete: () => {
          for (const l of [...entry.listeners]) l.fail(new GraphQLError('The subscription ended upstream.', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }));
          shared.delete(key);
        },
      },
    );
    entry.dispose = dispose;
    return entry;
  }

  // Attached to the HTTP server's upgrades ourselves: with `server:`, ws would also report the HTTP
  // server's own listen errors (a busy port) as its own, on top of the one-line start-up message.
  const wss = new WebSocketServer({ noServer: true });
  options.httpServer.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const server = useServer<Record<string, unknown>, { identity?: Identity }>(
    {
      onConnect: async (ctx) => {
        try {
          ctx.extra.identity = await options.identify(ctx.connectionParams ?? {});
          return true;
        } catch (error) {
          options.logger.info('subscription connection refused', { reason: (error as Error).message });
          return false; // closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const identity = ctx.extra.identity!;
        const variant: ApiVariant = identity.kind === 'official' ? 'full' : 'public';
        const schema: GraphQLSchema = (options.gateways[variant] as any).schema;
        // The same query limits as over HTTP, before anything is validated, planned or subscribed upstream.
        const assessment = assessRequest(payload, schema, profileFor(identity));
        if (assessment.error) return [assessment.error];
        let document: DocumentNode;
        try {
          // Parsed once by the limits' check; parsed here only to report a syntax error.
          document = assessment.document ?? parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        const op = getOperationAST(document, payload.operationName ?? undefined) as OperationDefinitionNode | null;
        if (!op) return [new GraphQLError('No operation to run: name one with operationName.')];
        if (op.operation !== 'subscription') return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP POST.', { extensions: { code: 'BAD_REQUEST' } })];
        return { schema, document, variableValues: payload.variables ?? {}, operationName: payload.operationName ?? undefined, contextValue: { identity, variant } };
      },
      subscribe: async (args) => {
        const { identity, variant } = args.contextValue as { identity: Identity; variant: ApiVariant };
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const key = createHash('sha256').update([variant, identityScope(identity), print(args.document), args.operationName ?? '', JSON.stringify(variables)].join('\u0000')).digest('hex');
        let entry = shared.get(key);
        if (!entry) {
          try {
            entry = start(key, variant, identity, args.document, args.operationName ?? undefined, variables);
          } catch (error) {
            return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)] };
          }
          shared.set(key, entry);
        }
        const current = entry;
        const { listener, iterator } = clientStream(maxQueue, () => {
          current.listeners.delete(listener);
          if (current.listeners.size === 0 && shared.get(key) === current) {
            shared.delete(key);
            current.dispose();
          }
        });
        current.listeners.add(listener);
        return iterator;
      },
    },
    wss,
  );

  return {
    /** Distinct upstream subscriptions and the clients attached to them. */
    stats: () => ({ upstream: shared.size, clients: [...shared.values()].reduce((n, e) => n + e.listeners.size, 0) }),
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await server.dispose();
      for (const entry of shared.values()) entry.dispose();
      shared.clear();
      await Promise.all([...upstreamClients.values()].map((c) => c.dispose()));
      upstreamClients.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
