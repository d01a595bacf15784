/** The portal's only way to its data: GraphQL over HTTP to the public gateway (no token, as any citizen). */

export class GatewayError extends Error {}

export interface GatewayClient {
  url: string;
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Every node of a Relay connection at `path` (dot-separated from `data`), 100 per request. */
  all<T>(query: string, path: string, variables?: Record<string, unknown>): Promise<T[]>;
}

export function gatewayClient(url: string, options: { timeoutMs?: number } = {}): GatewayClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: text, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new GatewayError(`cannot reach the gateway at ${url}: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string } }> } | null;
    // A partial answer would publish incomplete datasets as if complete: any error fails the export.
    if (!body || body.errors?.length || !body.data) {
      const first = body?.errors?.[0];
      const detail = first ? `${first.extensions?.code ?? 'ERROR'}: ${first.message}${first.path ? ` at ${first.path.join('.')}` : ''}` : `HTTP ${response.status}`;
      throw new GatewayError(`the gateway refused a query (${detail})`);
    }
    return body.data;
  }
  async function all<T>(text: string, path: string, variables: Record<string, unknown> = {}): Promise<T[]> {
    const nodes: T[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await query<Record<string, unknown>>(text, { ...variables, first: 100, after });
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
