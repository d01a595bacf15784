/** The portal's gateway client against a real HTTP server that answers as a proxy in front of the gateway might. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayClient } from '../src/lib/gateway.ts';

it('waits a second on a 429 that names no retry time, then asks again (never a retry without pause)', async () => {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests += 1;
    res.setHeader('content-type', 'application/json');
    if (requests === 1) {
      res.statusCode = 429;
      res.end(JSON.stringify({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }));
    } else {
      res.end(JSON.stringify({ data: { districts: [{ ubigeo: '120101' }] } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const lines: string[] = [];
    const client = gatewayClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, { log: (line) => lines.push(line) });
    expect(await client.query('{ districts { ubigeo } }')).toEqual({ districts: [{ ubigeo: '120101' }] });
    expect(requests).toBe(2);
    expect(lines).toEqual(['rate limited by the gateway; waiting 1 s']);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
