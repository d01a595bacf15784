/**
 * Cross-process events through PostgreSQL LISTEN/NOTIFY: what a writer publishes inside its
 * transaction and every subgraph process on the same database hears once it commits.
 *
 * Events carry identifiers (and the few attributes a subscriber filters on), never rows: NOTIFY
 * payloads must stay under 8,000 bytes, and a subscriber reloads what it shows through its own,
 * fresh EntityManager anyway. Delivery is at most once: an event published while a listener is
 * reconnecting is lost, as LISTEN/NOTIFY keeps no backlog; subscribers show current state, so the
 * next event repairs what a lost one would have said.
 */
import pg from 'pg';
import { type Logger, createLogger, redactPersonalData } from './logger.js';

export interface ArticulaEvent {
  /** What happened, as `<entity>.<verb>` (`work.changed`); subscribers select on it. */
  topic: string;
  [key: string]: string | number | boolean | null | string[];
}

export const EVENTS_CHANNEL = 'articula_events';

/** Below PostgreSQL's 8,000-byte limit, with room for the channel name in the same message. */
export const MAX_EVENT_PAYLOAD_BYTES = 7_900;

const DEFAULT_MAX_QUEUE = 1_000;
const MAX_RECONNECT_DELAY_MS = 30_000;
/** A connection that dies silently (a dropped route, a frozen host) sends no error: we ask. */
const HEARTBEAT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

export class EventPayloadTooLargeError extends Error {
  override name = 'EventPayloadTooLargeError';
}

export class EventQueueOverflowError extends Error {
  override name = 'EventQueueOverflowError';
}

/**
 * Publishes an event through the caller's EntityManager (`?` placeholders, as MikroORM's
 * `execute`). Call it inside the writer's transaction: PostgreSQL delivers a NOTIFY only at
 * commit, so a rolled-back write announces nothing and no listener sees an event before the data.
 */
export async function publishEvent(
  em: { execute(sql: string, params: unknown[]): Promise<unknown> },
  event: ArticulaEvent,
  channel: string = EVENTS_CHANNEL,
): Promise<void> {
  await publishEvents(em, [event], channel);
}

/**
 * Several events in one statement (up to 100 per round trip): a bulk write announces each row it
 * changed without a round trip per event. Every payload is checked before anything is sent.
 */
export async function publishEvents(
  em: { execute(sql: string, params: unknown[]): Promise<unknown> },
  events: readonly ArticulaEvent[],
  channel: string = EVENTS_CHANNEL,
): Promise<void> {
  const payloads = events.map((event) => {
    if (typeof event?.topic !== 'string' || event.topic === '') throw new TypeError('An event needs a topic.');
    const payload = JSON.stringify(event);
    const bytes = Buffer.byteLength(payload, 'utf8');
    if (bytes > MAX_EVENT_PAYLOAD_BYTES) {
      throw new EventPayloadTooLargeError(
        `Event ${event.topic} is ${bytes} bytes; events carry identifiers, not rows, and must stay under ${MAX_EVENT_PAYLOAD_BYTES} bytes.`,
      );
    }
    return payload;
  });
  for (let i = 0; i < payloads.length; i += 100) {
    const part = payloads.slice(i, i + 100);
    if (part.length === 1) {
      await em.execute('select pg_notify(?, ?)', [channel, part[0]]);
      continue;
    }
    // NOTIFYs of one transaction are delivered in the order they were issued: ordinality keeps it.
    await em.execute(
      `select pg_notify(v.channel, v.payload) from (values ${part.map(() => '(?, ?, ?::int)').join(', ')}) as v(channel, payload, n) order by v.n`,
      part.flatMap((payload, j) => [channel, payload, j]),
    );
  }
}

export type EventMatcher = string | ((event: ArticulaEvent) => boolean);
export type EventHandler = (event: ArticulaEvent) => void | Promise<void>;

export interface EventBusOptions {
  databaseUrl: string;
  logger?: Logger;
  channel?: string;
  /** First delay before reconnecting; it doubles on each failed attempt, up to 30 s. */
  reconnectDelayMs?: number;
}

export interface SubscribeOptions {
  filter?: (event: ArticulaEvent) => boolean;
  /** Events waiting for a slow consumer before the subscription ends with EventQueueOverflowError. */
  maxQueue?: number;
}

interface Listener {
  topic: string | undefined;
  matches: (event: ArticulaEvent) => boolean;
  handler: EventHandler;
}

/**
 * One dedicated connection (not from a pool: a pooled connection would be handed back, and its
 * LISTEN with it) that listens on the channel and fans events out to in-process handlers and
 * async iterators. It reconnects by itself, with capped exponential backoff, for as long as the
 * process lives.
 */
export class EventBus {
  /** Settles when the first LISTEN succeeded (or the first connection failed). */
  readonly ready: Promise<void>;
  private readonly listeners = new Set<Listener>();
  private readonly endSubscriptions = new Set<() => void>();
  private readonly logger: Logger;
  private readonly channel: string;
  private readonly baseDelayMs: number;
  private client: pg.Client | undefined;
  private pid: number | undefined;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private reconnectCount = 0;

  /** Connects and LISTENs; rejects when the database cannot be reached at start-up. */
  static async start(options: EventBusOptions): Promise<EventBus> {
    const bus = new EventBus(options);
    try {
      await bus.ready;
    } catch (error) {
      await bus.close();
      throw error;
    }
    return bus;
  }

  private constructor(private readonly options: EventBusOptions) {
    this.logger = options.logger ?? createLogger({ component: 'events' });
    this.channel = options.channel ?? EVENTS_CHANNEL;
    this.baseDelayMs = Math.max(1, options.reconnectDelayMs ?? 250);
    this.ready = this.connect();
  }

  /** Connections re-established after a drop, since start. */
  get reconnects(): number {
    return this.reconnectCount;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** The PostgreSQL backend that listens now (diagnostics and tests). */
  get backendPid(): number | undefined {
    return this.pid;
  }

  /** Calls the handler for each event of the topic (or matching the predicate); returns the unsubscribe function. */
  on(topic: EventMatcher, handler: EventHandler): () => void {
    const listener: Listener = typeof topic === 'string'
      ? { topic, matches: (e) => e.topic === topic, handler }
      : { topic: undefined, matches: topic, handler };
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * The events of a topic as an async iterator, for a GraphQL subscription's source stream.
   * Events wait in a bounded queue; a consumer that falls `maxQueue` events behind is ended with
   * EventQueueOverflowError (its queue dropped, its listener removed) rather than letting the
   * queue grow with the process's memory. `return()` unsubscribes, also while a `next()` waits.
   */
  subscribe(topic: EventMatcher, options: SubscribeOptions = {}): AsyncIterableIterator<ArticulaEvent> {
    const maxQueue = Math.max(1, options.maxQueue ?? DEFAULT_MAX_QUEUE);
    const filter = options.filter;
    let queue: ArticulaEvent[] = [];
    let waiting: { resolve(r: IteratorResult<ArticulaEvent>): void; reject(e: unknown): void } | undefined;
    let failure: Error | undefined;
    let done = false;

    const end = () => {
      if (done) return;
      done = true;
      unsubscribe();
      this.endSubscriptions.delete(end);
      queue = [];
      const w = waiting;
      waiting = undefined;
      if (w) {
        if (failure) {
          const error = failure;
          failure = undefined;
          w.reject(error);
        } else {
          w.resolve({ value: undefined, done: true });
        }
      }
    };
    const unsubscribe = this.on(topic, (event) => {
      if (done) return;
      if (filter) {
        try {
          if (!filter(event)) return;
        } catch (error) {
          this.logger.error('event filter failed', { topic: event.topic, error: describe(error) });
          return;
        }
      }
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w.resolve({ value: event, done: false });
        return;
      }
      if (queue.length >= maxQueue) {
        this.logger.warn('event subscriber too slow, ended', { topic: typeof topic === 'string' ? topic : '(predicate)', maxQueue });
        failure = new EventQueueOverflowError(`The subscriber fell ${maxQueue} events behind and was ended.`);
        end();
        return;
      }
      queue.push(event);
    });
    this.endSubscriptions.add(end);

    const iterator: AsyncIterableIterator<ArticulaEvent> = {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (failure) {
          const error = failure;
          failure = undefined;
          return Promise.reject(error);
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (waiting) return Promise.reject(new Error('EventBus subscriptions serve one next() at a time.'));
        return new Promise((resolve, reject) => {
          waiting = { resolve, reject };
        });
      },
      return: () => {
        failure = undefined;
        end();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        failure = undefined;
        end();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Handlers and iterators registered for exactly this topic; all of them without a topic. */
  listenerCount(topic?: string): number {
    if (topic === undefined) return this.listeners.size;
    let n = 0;
    for (const l of this.listeners) if (l.topic === topic) n += 1;
    return n;
  }

  /** Stops listening; open iterators end (done), handlers are dropped. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    for (const end of [...this.endSubscriptions]) end();
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    this.pid = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // A connection attempt that hangs (a server that accepts but never answers) fails and is retried.
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'articula-events', keepAlive: true, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // Until LISTEN succeeded the caller handles failures; afterwards a drop reconnects.
    let live = false;
    let dropped = false;
    const drop = (reason: unknown) => {
      if (!live || dropped) return;
      dropped = true;
      this.onDrop(client, reason);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.dispatch(message.payload);
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      // Last, so that pg_stat_activity shows this session's LISTEN until the first heartbeat.
      await client.query(`listen ${pg.escapeIdentifier(this.channel)}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      live = true;
      this.client = client;
      this.pid = rows[0]?.pid;
      this.startHeartbeat(client, drop);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** A connection that stopped answering may never emit 'error': we ask, and drop it ourselves. */
  private startHeartbeat(client: pg.Client, drop: (reason: unknown) => void): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => {
      if (this.client !== client) return;
      const timeout = setTimeout(() => {
        drop(new Error('heartbeat timed out'));
        // end() waits for a peer that no longer answers; the socket must go now, not in two hours.
        (client as unknown as { connection?: { stream?: { destroy?(): void } } }).connection?.stream?.destroy?.();
      }, HEARTBEAT_MS / 2);
      timeout.unref();
      client.query('select 1').then(
        () => clearTimeout(timeout),
        (error) => {
          clearTimeout(timeout);
          drop(error);
        },
      );
    }, HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  private onDrop(client: pg.Client, reason: unknown): void {
    if (this.client === client) {
      this.client = undefined;
      this.pid = undefined;
    }
    clearInterval(this.heartbeatTimer);
    client.end().catch(() => undefined);
    if (this.closed) return;
    const retryInMs = this.scheduleReconnect();
    this.logger.warn('event listener connection lost; reconnecting', { channel: this.channel, retryInMs, error: describe(reason) });
  }

  /** Returns the delay chosen. */
  private scheduleReconnect(): number | undefined {
    if (this.closed || this.reconnectTimer) return undefined;
    const capped = Math.min(this.baseDelayMs * 2 ** this.attempt, MAX_RECONNECT_DELAY_MS);
    // Jitter, so that every process of a restarted database does not reconnect in the same instant.
    const delay = Math.round(capped * (0.75 + Math.random() * 0.25));
    this.attempt += 1;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      if (this.closed) return;
      try {
        await this.connect();
        if (this.closed) return;
        this.reconnectCount += 1;
        this.logger.info('event listener reconnected', { channel: this.channel, attempts: this.attempt, reconnects: this.reconnectCount });
        this.attempt = 0;
      } catch (error) {
        const attempts = this.attempt;
        const retryInMs = this.scheduleReconnect();
        this.logger.warn('event listener reconnection failed', { channel: this.channel, attempts, retryInMs, error: describe(error) });
      }
    }, delay);
    return delay;
  }

  private dispatch(payload: string | undefined): void {
    let event: ArticulaEvent;
    try {
      event = JSON.parse(payload ?? '');
      if (event === null || typeof event !== 'object' || Array.isArray(event) || typeof event.topic !== 'string' || event.topic === '') {
        throw new Error('not an object with a topic');
      }
    } catch (error) {
      this.logger.warn('malformed event dropped', { channel: this.channel, bytes: Buffer.byteLength(payload ?? ''), error: describe(error) });
      return;
    }
    // Handlers share the object: none may change what the next one sees.
    for (const value of Object.values(event)) if (Array.isArray(value)) Object.freeze(value);
    Object.freeze(event);
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue;
      try {
        if (!listener.matches(event)) continue;
        const result = listener.handler(event);
        if (result && typeof (result as Promise<void>).catch === 'function') {
          (result as Promise<void>).catch((error) => this.logger.error('event handler failed', { topic: event.topic, error: describe(error) }));
        }
      } catch (error) {
        this.logger.error('event handler failed', { topic: event.topic, error: describe(error) });
      }
    }
  }
}

function describe(error: unknown): string {
  return redactPersonalData(error instanceof Error ? error.message : String(error));
}
