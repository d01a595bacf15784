/**
 * W4: subscriptions. N graphql-ws clients (each on its own WebSocket) subscribe on the gateway to
 * `workChanged` in one district, with fields of the participation and budget subgraphs in the
 * selection; an official's real `updateWork` mutations cause `eventsPerSecond` events. Latency is
 * the client's receipt time minus the event's `at` (set in the writing transaction, so before the
 * commit: an upper bound of commit → receipt). Reported at each subscriber count: p50/p99/max, the
 * events delivered, the upstream subscriptions (gateway and works subgraph `GET /subscriptions`)
 * and the entity fetches per event (requests the participation and budget subgraphs served).
 * Baseline: a plain WebSocket server broadcasting the same bytes to as many clients.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueOfficialToken } from '@articula/gateway';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { readyLine, startChild } from '../children.js';
import type { Workload } from '../context.js';
import { graphql } from '../platform.js';
import { round } from '../proc.js';
import { row } from '../report.js';
import { TOKEN_SECRET } from '../keys.js';
import { percentile, sleep, subgraphCounters } from './util.js';

const SUBSCRIPTION = `subscription Changes($district: [String!]) { workChanged(filter: { district: $district }) {
  action at work { id title status physicalProgress agreements { text status } budget(year: 2026) { modifiedBudget accrued } } } }`;

interface Round {
  subscribers: number;
  events: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
}

/** Connects `n` clients (in waves, so the gateway is not flooded with handshakes), each subscribed; resolves when all have their subscription acknowledged upstream. */
async function connectSubscribers(url: string, n: number, district: string, onEvent: (at: number, receivedAt: number, bytes: number) => void, signal: AbortSignal) {
  const clients: Client[] = [];
  const disposers: (() => void)[] = [];
  const wsUrl = url.replace(/^http/, 'ws');
  for (let i = 0; i < n; i++) {
    if (signal.aborted) break;
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    clients.push(client);
    disposers.push(client.subscribe({ query: SUBSCRIPTION, variables: { district: [district] } }, {
      next: (event: any) => {
        const receivedAt = Date.now();
        onEvent(Date.parse(event.data?.workChanged?.at), receivedAt, JSON.stringify(event).length);
      },
      error: () => {},
      complete: () => {},
    }));
    if (i % 50 === 49) await sleep(20);
  }
  return { clients, dispose: async () => {
    for (const d of disposers) d();
    await Promise.all(clients.map((c) => c.dispose()));
  } };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export const w4: Workload = {
  id: 'W4',
  title: 'Subscriptions: fan-out through the gateway',
  meters: 'platform',
  bound: (s) => 90 + s.subscribers.length * (s.eventSeconds + 40) * 2,
  async run(ctx, report) {
    const s = ctx.settings;
    const platform = await ctx.platform();
    const gateway = platform.urls.gateway;
    const gatewayStats = async () => (await (await fetch(new URL('/subscriptions', gateway))).json()) as { upstream: number; clients: number };
    const subgraphs = { works: platform.urls.works, participation: platform.urls.participation, budget: platform.urls.budget };

    // An official of GOP changes GOP's works in one district: pick the district with the most.
    const token = await issueOfficialToken(TOKEN_SECRET, 'GOP', 'bench-official');
    const auth = { authorization: `Bearer ${token}` };
    const { works } = await graphql<any>(gateway, '{ works(first: 100, filter: { department: ["GOP"] }) { edges { node { id districts { ubigeo } } } } }', undefined, auth);
    const byDistrict = new Map<string, string[]>();
    for (const { node } of works.edges) for (const d of node.districts) byDistrict.set(d.ubigeo, [...(byDistrict.get(d.ubigeo) ?? []), node.id]);
    const [district, targets] = [...byDistrict].sort((a, b) => b[1].length - a[1].length)[0]!;
    report.detail.district = district;
    let mutationNo = 0;
    const mutate = async () => {
      const id = targets[mutationNo % targets.length]!;
      mutationNo++;
      await graphql(gateway, 'mutation($id: ID!, $input: UpdateWorkInput!) { updateWork(id: $id, input: $input) { id } }',
        { id, input: { description: `Actualización ${mutationNo} del avance (benchmark).` } }, auth);
    };

    const rounds: Round[] = [];
    const upstream: Record<number, { gateway: number; worksSubgraph: number }> = {};
    const fetchesPerEvent: Record<number, number> = {};
    let sampleBytes = 0;
    for (const n of s.subscribers) {
      const latencies: number[] = [];
      const subs = await connectSubscribers(gateway, n, district, (at, receivedAt, bytes) => {
        latencies.push(receivedAt - at);
        sampleBytes = bytes;
      }, report.signal);
      try {
        await waitFor(async () => (await gatewayStats()).clients >= n, 60_000, `${n} subscribers`);
        await sleep(500); // the upstream subscription is acknowledged
        const stats = await gatewayStats();
        const sub = await subgraphCounters(subgraphs);
        upstream[n] = { gateway: stats.upstream, worksSubgraph: sub.works!.active };

        // Events at a steady rate, each a real mutation (not waiting for the previous one).
        const events = Math.round(s.eventsPerSecond * s.eventSeconds);
        const pending: Promise<unknown>[] = [];
        const t0 = performance.now();
        for (let i = 0; i < events && !report.signal.aborted; i++) {
          const due = t0 + (i * 1000) / s.eventsPerSecond;
          if (due > performance.now()) await sleep(due - performance.now());
          pending.push(mutate());
        }
        await Promise.all(pending);
        const expected = events * n;
        await waitFor(async () => latencies.length >= expected, 15_000, 'every event delivered').catch(() => {});
        await sleep(300);
        const after = await subgraphCounters(subgraphs);
        fetchesPerEvent[n] = round(((after.participation!.requests - sub.participation!.requests) + (after.budget!.requests - sub.budget!.requests)) / events, 2);
        latencies.sort((a, b) => a - b);
        rounds.push({ subscribers: n, events, expected, delivered: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? Number.NaN });
      } finally {
        await subs.dispose();
      }
      await waitFor(async () => (await gatewayStats()).clients === 0, 10_000, 'subscribers to leave').catch(() => {});
    }

    // Baseline: the same bytes broadcast by a plain WebSocket server to as many clients.
    const server = startChild('ws-broadcast', process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), '../broadcast.js')]);
    report.defer(() => server.stop(2_000));
    report.watch('ws-broadcast', server.pid);
    const { url: wsUrl } = await readyLine<{ url: string }>(server, 10_000);
    const baseline: Round[] = [];
    for (const n of s.subscribers) {
      const latencies: number[] = [];
      const sockets: WebSocket[] = [];
      for (let i = 0; i <= n; i++) {
        const ws = new WebSocket(wsUrl);
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        if (i > 0) ws.on('message', (data) => latencies.push(Date.now() - (JSON.parse(String(data)) as { sentAt: number }).sentAt));
        sockets.push(ws);
      }
      const events = Math.round(s.eventsPerSecond * s.eventSeconds);
      const template = JSON.stringify({ sentAt: 0, pad: 'x'.repeat(Math.max(0, sampleBytes - 30)) });
      sockets[0]!.send(JSON.stringify({ broadcast: template, count: events, perSecond: s.eventsPerSecond }));
      const expected = events * n;
      await waitFor(async () => latencies.length >= expected, s.eventSeconds * 1000 + 15_000, 'every broadcast delivered').catch(() => {});
      for (const ws of sockets) ws.terminate();
      latencies.sort((a, b) => a - b);
      baseline.push({ subscribers: n, events, expected, delivered: latencies.length, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? Number.NaN });
    }

    const first = s.subscribers[0]!;
    for (const r of rounds) {
      const b = baseline.find((x) => x.subscribers === r.subscribers);
      const w = `W4 n=${r.subscribers}`;
      report.rows.push(
        row(w, 'p99 ms event commit → client', r.p99, { baseline: b?.p99 ?? null, unit: 'ms', goal: '< 100 ms', met: r.p99 < 100 }),
        row(w, 'p50 ms event commit → client', r.p50, { baseline: b?.p50 ?? null, unit: 'ms' }),
        row(w, 'events delivered / expected', `${r.delivered} / ${r.expected}`, { goal: 'all', met: r.delivered === r.expected }),
        row(w, 'upstream subscriptions (gateway / works)', `${upstream[r.subscribers]!.gateway} / ${upstream[r.subscribers]!.worksSubgraph}`, {
          goal: 'one', met: upstream[r.subscribers]!.gateway === 1 && upstream[r.subscribers]!.worksSubgraph === 1,
        }),
        row(w, `entity fetches/event vs at n=${first}`, fetchesPerEvent[r.subscribers]!, {
          baseline: fetchesPerEvent[first]!, goal: 'independent of n', met: fetchesPerEvent[r.subscribers] === fetchesPerEvent[first],
        }),
      );
    }
    report.detail.rounds = rounds;
    report.detail.baseline = baseline;
    report.detail.eventBytes = sampleBytes;
  },
};
