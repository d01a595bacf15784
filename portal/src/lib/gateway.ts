/**
 * The portal's only way to its data: GraphQL over HTTP to the public gateway, which answers it with
 * the public API only, as any citizen. Anonymous by default; with an API key of scope `bulk:read`
 * (PORTAL_API_KEY; `npm start` makes a short-lived one) it may ask for larger pages. Either way it
 * is a polite client: a page too costly for its profile is asked again smaller, and a 429 is waited
 * out until the window resets.
 */

export class GatewayError extends Error {
  readonly code?: string;
  readonly extensions: Record<string, any>;
  constructor(message: string, code?: string, extensions: Record<string, any> = {}) {
    super(message);
    this.code = code;
    this.extensions = extensions;
  }
}

/** Longest wait for a rate-limit window to reset before giving up. */
const MAX_RATE_WAIT_SECONDS = 120;

export interface GatewayClient {
  url: string;
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Every node of a Relay connection at `path` (dot-separated from `data`), 100 per request. */
  all<T>(query: string, path: string, variables?: Record<string, unknown>): Promise<T[]>;
}

export function gatewayClient(url: string, options: { timeoutMs?: number; apiKey?: string; log?: (line: string) => void } = {}): GatewayClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
    for (let waited = 0; ;) {
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: text, variables }), signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new GatewayError(`cannot reach the gateway at ${url}: ${(error as Error).message}`);
      }
      const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, any> }> } | null;
      const first = body?.errors?.[0];
      // At least a second: an answer without a time (a proxy's 429) must not turn into retries without pause or end.
      const retryAfter = Math.max(1, Number(first?.extensions?.retryAfterSeconds ?? response.headers.get('retry-after') ?? 1));
      if (response.status === 429 && Number.isFinite(retryAfter) && waited + retryAfter <= MAX_RATE_WAIT_SECONDS) {
        options.log?.(`rate limited by the gateway; waiting ${retryAfter} s`);
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        waited += retryAfter;
        continue;
      }
      // A partial answer would publish incomplete datasets as if complete: any error fails the export.
      if (!body || body.errors?.length || !body.data) {
        const detail = first ? `${first.extensions?.code ?? 'ERROR'}: ${first.message}${first.path ? ` at ${first.path.join('.')}` : ''}` : `HTTP ${response.status}`;
        throw new GatewayError(`the gateway refused a query (${detail})`, first?.extensions?.code, first?.extensions);
      }
      return body.data;
    }
  }
  async function all<T>(text: string, path: string, variables: Record<string, unknown> = {}): Promise<T[]> {
    const nodes: T[] = [];
    let after: string | null = null;
    let first = 100;
    for (;;) {
      let data: Record<string, unknown>;
      try {
        data = await query<Record<string, unknown>>(text, { ...variables, first, after });
      } catch (error) {
        // Too costly for this caller's profile: the gateway says the cost and the limit; ask for a page that fits.
        const { cost, maxCost } = error instanceof GatewayError && error.code === 'QUERY_TOO_COSTLY' ? error.extensions : {};
        const smaller = Math.floor((first * maxCost) / cost);
        if (!(smaller >= 1 && smaller < first)) throw error;
        first = smaller;
        continue;
      }
      const connection = path.split('.').reduce<any>((value, key) => value?.[key], data) as {
        edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      if (!connection) throw new GatewayError(`no connection at ${path}`);
      for (const edge of connection.edges) nodes.push(edge.node);
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
  }
  return { url, query, all };
}
