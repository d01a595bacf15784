/** A graphql-ws client on a subgraph, as the gateway subscribes upstream: each subscription read event by event. */
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** Only against a lost event: a test that waits this long has failed. */
const EVENT_TIMEOUT_MS = 15_000;

/** What graphql-ws delivers: data, or the errors of a subscription refused (then ended). */
export interface Delivered {
  data?: any;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface TestSubscription {
  /** The next result the server sent (data or errors), in order. */
  next(): Promise<Delivered>;
  close(): Promise<void>;
}

export function subscribe(httpUrl: string, query: string, variables: Record<string, unknown> = {}): TestSubscription {
  const client: Client = createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const iterator = client.iterate<any, unknown>({ query, variables });
  return {
    next: async (): Promise<Delivered> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no event within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
      });
      try {
        const item = await Promise.race([iterator.next(), timeout]);
        if (item.done) throw new Error('the subscription ended');
        return item.value as Delivered;
      } catch (error) {
        // graphql-ws hands a subscription refused with GraphQL errors to the sink's error().
        if (Array.isArray(error)) return { errors: error };
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await iterator.return?.();
      await client.dispose();
    },
  };
}

/** Waits for a condition the test cannot be told about (a subscription registered on the server). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
