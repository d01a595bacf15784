/**
 * How the gateway calls a subgraph, and how it knows whether the subgraph is there at all.
 *
 * Each call has three ways to end early, whichever comes first: its own deadline (SUBGRAPH_TIMEOUT_MS),
 * the subgraph being found down by its health probe, and the incoming request ending (the
 * gateway's overall deadline passed, or the client went away). Any failure becomes a
 * SUBGRAPH_UNAVAILABLE error naming the service and nothing else (where it runs stays in the log):
 * the fields it provides are null and the rest of the answer arrives. Nothing is retried: a call is
 * sent once (Node's fetch does not retry, and no layer here does), so a mutation runs at most once.
 *
 * A health probe GETs the subgraph's /healthz every 100 ms (answering it needs nothing but the
 * subgraph's event loop), and a watchdog looks at what is in flight: when a call or the probe has
 * waited more than 500 ms and nothing at all came back from the subgraph for as long, it is hung
 * (SIGSTOP) or cut off or very slow, and it is marked down "not answering"; a probe refused or
 * answered with an error marks it down "unreachable" (killed). Either way its calls in flight are
 * aborted, so a request waiting on it is answered within a second. A subgraph that is merely busy
 * keeps sending answers, so load alone does not mark it down. While it is not answering, new calls
 * fail at once instead of waiting for their deadline; while it refuses connections, calls are
 * still tried (a refusal costs nothing, and a restarted subgraph is used the moment it listens).
 * The first probe answered marks it up again: recovery needs no restart and no operator.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, type Identity, type Logger, redactPersonalData, signIdentity } from '@articula/common';
import { GraphQLError } from 'graphql';

/** What a subgraph call needs of the request it serves. */
export interface SubgraphCallContext {
  requestId: string;
  identity: Identity;
  /** Aborted when the request is over for the client (its deadline passed, or it disconnected). */
  signal?: AbortSignal;
}

export interface SubgraphProbeOptions {
  /** Pause between the end of one probe and the start of the next (default 100 ms). */
  intervalMs?: number;
  /** Waiting this long on a subgraph that sent nothing meanwhile marks it down (default 500 ms). */
  timeoutMs?: number;
}

export const DEFAULT_PROBE_INTERVAL_MS = 100;
export const DEFAULT_PROBE_TIMEOUT_MS = 500;

/** A watchdog tick firing later than this says the gateway's own event loop was stalled, not the subgraph. */
const STALL_TOLERANCE_MS = 50;

export type SubgraphState = 'up' | 'down';

export interface SubgraphHealthSnapshot {
  state: SubgraphState;
  /** Why it is down: `not answering` (probe timed out: calls fail at once) or `unreachable` (refused, reset, HTTP error). */
  reason?: 'not answering' | 'unreachable';
  /** When the state last changed (ISO 8601). */
  since: string;
}

/** Why a call ended early; the log says which, the client only sees SUBGRAPH_UNAVAILABLE. */
class CallAborted extends Error {
  override name = 'CallAborted';
}

/** A call or probe in flight: what the watchdog watches. */
export interface TrackedCall {
  /** Something arrived from the subgraph (response headers, the whole body). */
  progress(): void;
  /** The call is over, however it ended. */
  end(): void;
}

/**
 * The health of one subgraph. A subgraph is "not answering" when a call has waited on it longer
 * than the timeout while nothing at all has come back from it for as long (or, with no call
 * waiting, when the probe has for four times as long): a hung or cut-off subgraph sends nothing,
 * while a merely busy one keeps answering one request after another. It is
 * "unreachable" when the probe is refused or answered with an error. Either way the calls in
 * flight are aborted; the first probe answered marks it up again. Watching is off until start().
 */
export class SubgraphHealth {
  private state: SubgraphState = 'up';
  private reason: SubgraphHealthSnapshot['reason'];
  private since = Date.now();
  /** Calls and the probe in flight, with when each started (performance.now()). */
  private readonly inFlight = new Map<AbortController, number>();
  private lastProgress = performance.now();
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly healthUrl: string;
  private ticker: NodeJS.Timeout | undefined;
  private nextTickAt = 0;
  private probe: AbortController | undefined;
  private stopped = true;

  constructor(
    readonly name: string,
    graphqlUrl: string,
    private readonly logger: Logger,
    options: SubgraphProbeOptions = {},
  ) {
    this.intervalMs = Math.max(10, options.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS);
    this.timeoutMs = Math.max(10, options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    this.healthUrl = new URL('/healthz', graphqlUrl).toString();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastProgress = performance.now();
    this.nextTickAt = performance.now() + this.intervalMs;
    this.ticker = setInterval(() => this.tick(), this.intervalMs);
    this.ticker.unref();
    this.startProbe();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.ticker);
    this.probe?.abort(new CallAborted('gateway stopping'));
  }

  get up(): boolean {
    return this.state === 'up';
  }

  /** Down because it stopped answering: a call would only wait for its deadline, so it fails at once. */
  get failFast(): boolean {
    return this.state === 'down' && this.reason === 'not answering';
  }

  snapshot(): SubgraphHealthSnapshot {
    return { state: this.state, ...(this.reason ? { reason: this.reason } : {}), since: new Date(this.since).toISOString() };
  }

  /** Registers a call in flight: finding the subgraph down aborts it. */
  track(call: AbortController): TrackedCall {
    this.inFlight.set(call, performance.now());
    return {
      progress: () => {
        this.lastProgress = performance.now();
      },
      end: () => {
        this.inFlight.delete(call);
      },
    };
  }

  /** Probes now (a call just failed), unless a probe is already under way. */
  probeSoon(): void {
    this.startProbe();
  }

  private tick(): void {
    const now = performance.now();
    const late = now - this.nextTickAt > STALL_TOLERANCE_MS;
    this.nextTickAt = now + this.intervalMs;
    // A late tick means this event loop was stalled (a long synchronous task, a GC pause): what
    // the subgraph sent meanwhile may be unread in a socket, and the wait is not its fault.
    if (late) {
      this.lastProgress = now;
      return;
    }
    this.startProbe();
    // setImmediate runs after pending I/O: an answer already in a socket counts before we judge.
    setImmediate(() => this.judge(now));
  }

  private judge(tickedAt: number): void {
    if (this.stopped) return;
    const now = performance.now();
    if (now - tickedAt > STALL_TOLERANCE_MS) {
      this.lastProgress = now; // stalled between the tick and now: same as a late tick
      return;
    }
    // Only a call makes haste: someone is waiting on it. The probe alone (nobody waiting) gets
    // four times as long, so that a subgraph busy serving other gateways is not taken for hung.
    let oldestCall = Infinity;
    for (const [call, started] of this.inFlight) if (call !== this.probe) oldestCall = Math.min(oldestCall, started);
    const probeAge = this.probe ? now - (this.inFlight.get(this.probe) ?? now) : 0;
    const silentMs = now - this.lastProgress;
    if (silentMs > this.timeoutMs && (now - oldestCall > this.timeoutMs || (probeAge > 4 * this.timeoutMs && silentMs > 4 * this.timeoutMs))) {
      this.markDown('not answering', `nothing received for ${Math.round(silentMs)} ms`);
    } else if (this.probe && probeAge > 4 * this.timeoutMs) {
      // Calls are answered but the probe is not: start it again rather than wait on it.
      this.probe.abort(new CallAborted('probe restarted'));
    }
  }

  private startProbe(): void {
    if (this.stopped || this.probe) return;
    const controller = new AbortController();
    this.probe = controller;
    const call = this.track(controller);
    void (async () => {
      let failure = '';
      try {
        const response = await fetch(this.healthUrl, { signal: controller.signal });
        call.progress();
        await response.arrayBuffer();
        call.progress();
        if (!response.ok) failure = `HTTP ${response.status}`;
      } catch (error) {
        // Aborted by the watchdog (already judged) or by stop(): nothing more to say.
        if (controller.signal.aborted) return;
        failure = describe(error);
      } finally {
        call.end();
        if (this.probe === controller) this.probe = undefined;
      }
      if (this.stopped) return;
      if (failure) this.markDown('unreachable', failure);
      else this.markUp();
    })();
  }

  private markDown(reason: NonNullable<SubgraphHealthSnapshot['reason']>, detail: string): void {
    const aborted = this.inFlight.size;
    for (const call of this.inFlight.keys()) call.abort(new CallAborted(`subgraph marked down (${reason})`));
    this.inFlight.clear();
    if (this.state === 'down' && this.reason === reason) return;
    const wasUp = this.state === 'up';
    this.state = 'down';
    this.reason = reason;
    if (wasUp) this.since = Date.now();
    this.logger.warn(wasUp ? 'subgraph marked down' : 'subgraph still down', { service: this.name, reason, detail, aborted });
  }

  private markUp(): void {
    if (this.state === 'up') return;
    const downMs = Date.now() - this.since;
    this.state = 'up';
    this.reason = undefined;
    this.since = Date.now();
    this.logger.info('subgraph up again', { service: this.name, downMs });
  }
}

/** Whether a subgraph request is a query (the planner writes `query …` or `{ … }`), never a mutation. */
const isRead = (query: string | undefined) => typeof query === 'string' && /^\s*(?:query\b|\{)/.test(query);

/** The call being made, for the fetcher (which Apollo calls without the request's context), and whether it only reads. */
const currentCall = new AsyncLocalStorage<{ context: SubgraphCallContext | undefined; read: boolean }>();

export interface SubgraphDataSourceOptions {
  serviceName: string;
  url: string;
  identitySigningKey: string;
  /** Deadline of each call, response body included. */
  timeoutMs: number;
  health: SubgraphHealth;
  logger: Logger;
}

/**
 * Calls one subgraph, once per fetch of the query plan, with the caller's identity signed.
 */
export class SubgraphDataSource<C extends SubgraphCallContext = SubgraphCallContext> extends RemoteGraphQLDataSource<C> {
  private readonly serviceName: string;
  private readonly identitySigningKey: string;
  private readonly callTimeoutMs: number;
  private readonly health: SubgraphHealth;
  private readonly logger: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.serviceName = options.serviceName;
    this.identitySigningKey = options.identitySigningKey;
    this.callTimeoutMs = options.timeoutMs;
    this.health = options.health;
    this.logger = options.logger;
    // Node's fetch (undici) keeps connections to subgraphs alive and never retries a request.
    this.fetcher = ((input: string, init: RequestInit) => {
      const call = currentCall.getStore();
      return this.call(input, init, call?.context, call?.read ?? false);
    }) as any;
  }

  override process(options: GraphQLDataSourceProcessOptions<C>): ReturnType<RemoteGraphQLDataSource<C>['process']> {
    return currentCall.run({ context: options.context as SubgraphCallContext | undefined, read: isRead(options.request.query) }, () => super.process(options));
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<C>) {
    if (!context?.identity) return;
    request.http?.headers.set(IDENTITY_HEADER, signIdentity(context.identity, this.identitySigningKey));
    request.http?.headers.set('x-request-id', context.requestId);
  }

  /**
   * Identical reads in flight at the same time, for the same caller, share one HTTP call: when many
   * clients ask the same thing at once (a popular page, a journalist's script run by many), the
   * subgraph answers once. Mutations are never shared. The shared call is abandoned only when every
   * request waiting for it is over.
   */
  private readonly inflight = new Map<string, { answer: Promise<Response>; waiters: number; abandon(): void }>();

  private call(input: string, init: RequestInit, context: SubgraphCallContext | undefined, read: boolean): Promise<Response> {
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body === undefined || !read) return this.send(input, init, context?.signal);
    const key = `${input}\u0000${JSON.stringify(context?.identity ?? null)}\u0000${body}`;
    let shared = this.inflight.get(key);
    if (!shared) {
      const ended = new AbortController();
      const answer = this.send(input, init, ended.signal).finally(() => this.inflight.delete(key));
      // Every waiter may have left before the answer: its failure then has no one to tell.
      answer.catch(() => {});
      shared = { answer, waiters: 0, abandon: () => ended.abort() };
      this.inflight.set(key, shared);
    }
    const entry = shared;
    entry.waiters++;
    const requestSignal = context?.signal;
    return new Promise<Response>((resolve, reject) => {
      let waiting = true;
      const stopWaiting = () => {
        if (!waiting) return false;
        waiting = false;
        requestSignal?.removeEventListener('abort', onRequestEnd);
        entry.waiters--;
        return true;
      };
      const onRequestEnd = () => {
        if (!stopWaiting()) return;
        if (entry.waiters === 0) entry.abandon();
        reject(new CallAborted('the request is over (gateway deadline passed or client gone)'));
      };
      if (requestSignal?.aborted) return onRequestEnd();
      requestSignal?.addEventListener('abort', onRequestEnd, { once: true });
      // Each waiter gets a Response of its own over the same bytes (a body can be read once).
      entry.answer.then(
        async (response) => {
          if (!stopWaiting()) return;
          try {
            const bytes = await response.clone().arrayBuffer();
            resolve(new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers }));
          } catch (error) {
            reject(error);
          }
        },
        (error) => {
          if (stopWaiting()) reject(error);
        },
      );
    });
  }

  /** One HTTP call, ended early by its deadline, by the subgraph found down, or when `ended` fires (the request, or every request sharing it, is over). */
  private async send(input: string, init: RequestInit, ended: AbortSignal | undefined): Promise<Response> {
    if (this.health.failFast) throw new CallAborted('subgraph is down (not answering)');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new CallAborted(`no answer within ${this.callTimeoutMs} ms`)), this.callTimeoutMs);
    const tracked = this.health.track(controller);
    const requestSignal = ended;
    const onRequestEnd = () => controller.abort(new CallAborted('the request is over (gateway deadline passed or client gone)'));
    if (requestSignal?.aborted) onRequestEnd();
    else requestSignal?.addEventListener('abort', onRequestEnd, { once: true });
    try {
      const response = await fetch(input, { ...init, signal: controller.signal });
      tracked.progress();
      // The body is read here, under the same deadline: a subgraph that sends headers and then
      // stalls must not hold the request.
      const body = await response.arrayBuffer();
      tracked.progress();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      this.health.probeSoon();
      throw error;
    } finally {
      clearTimeout(timer);
      tracked.end();
      requestSignal?.removeEventListener('abort', onRequestEnd);
    }
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }, context?: C): never {
    this.logger.warn('subgraph call failed', {
      service: this.serviceName, requestId: context?.requestId, status: response?.status, detail: describe(error),
    });
    throw new GraphQLError(`The ${this.serviceName} service is unavailable; the fields it provides are null.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return redactPersonalData(cause?.code ? `${error.message}: ${cause.code}` : error.message);
  }
  return redactPersonalData(String(error));
}
