/** HTTP load with autocannon (closed loop: `connections` clients, each sending its next request when the last is answered). */
import autocannon from 'autocannon';

export interface HttpLoad {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  bytesPerRequest: number;
}

function once(url: string, body: string, headers: Record<string, string>, connections: number, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration: seconds, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** A warm-up of `warmupSeconds`, then the measurement. */
export async function httpLoad(
  url: string, request: unknown,
  options: { connections: number; seconds: number; warmupSeconds: number; headers?: Record<string, string>; onMeasureStart?: () => void },
): Promise<HttpLoad> {
  const body = JSON.stringify(request);
  const headers = options.headers ?? {};
  if (options.warmupSeconds > 0) await once(url, body, headers, options.connections, options.warmupSeconds);
  options.onMeasureStart?.();
  const r = await once(url, body, headers, options.connections, options.seconds);
  const seconds = r.duration;
  const requests = r.requests.total;
  return {
    requests, seconds, rps: requests / seconds, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
    errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts, bytesPerRequest: requests ? r.throughput.total / requests : 0,
  };
}

/** Sends the request once and checks the answer before a load is run: a load of errors measures nothing. */
export async function checkOnce(url: string, request: unknown, check: (body: any) => boolean, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(request) });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || body.errors?.length || !check(body)) throw new Error(`${url}: unexpected answer (HTTP ${response.status}): ${text.slice(0, 500)}`);
  return body;
}
