/**
 * Prints a subscription's events as JSON lines, for journalists and for trying things out:
 *   npm run subscribe -- 'subscription { workChanged(filter: { district: ["120124"] }) { action work { title status } } }'
 * Options: --url ws://host:4000/graphql (or GATEWAY_URL), --token <bearer token or artk_ key>, --variables '{"…":…}'.
 */
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, token: { type: 'string' }, variables: { type: 'string' } } });
const query = positionals[0];
if (!query) {
  process.stderr.write(`Usage: npm run subscribe -- '<subscription { … }>' [--url ws://127.0.0.1:4000/graphql] [--token …] [--variables '{…}']\n`);
  process.exit(2);
}
const url = (values.url ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').replace(/^http/, 'ws');
const client = createClient({
  url, webSocketImpl: WebSocket, retryAttempts: Infinity, shouldRetry: () => true,
  connectionParams: values.token ? { authorization: `Bearer ${values.token}` } : {},
});
process.stderr.write(`Listening on ${url} (Ctrl-C to stop)…\n`);
client.subscribe(
  { query, variables: values.variables ? JSON.parse(values.variables) : {} },
  {
    next: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
    error: (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : JSON.stringify(error)}\n`);
      process.exit(1);
    },
    complete: () => process.exit(0),
  },
);
process.on('SIGINT', async () => {
  await client.dispose();
  process.exit(0);
});
