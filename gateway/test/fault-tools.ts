/** Tools of the timeout and fault tests: a recording logger, a TCP proxy that can slow a link, polling, a stopwatch. */
import net from 'node:net';
import type { Logger } from '@articula/common';

export interface LogEntry {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps what it is told (and prints nothing). */
export function recordingLogger(entries: LogEntry[] = [], base: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    entries.push({ level, msg, ...base, ...fields });
  };
  return {
    entries,
    debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'),
    child: (fields) => recordingLogger(entries, { ...base, ...fields }),
  };
}

/** Polls `check` every 50 ms until it holds or `ms` passed; says whether it held. */
export async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `fn`, and says how long it took (ms). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * A TCP proxy in front of a server. `delayMs` (0 by default) holds every chunk, both ways, that long
 * before passing it on, in order: the server behind it looks slow to everyone, /healthz included.
 */
export class SlowLink {
  delayMs = 0;
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: net.Server, readonly port: number) {}

  static async start(target: { host?: string; port: number }): Promise<SlowLink> {
    let link!: SlowLink;
    const server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
      link.sockets.add(client).add(upstream);
      const pipe = (from: net.Socket, to: net.Socket) => {
        let lastDue = 0;
        from.on('data', (chunk) => {
          const due = Math.max(Date.now() + link.delayMs, lastDue);
          lastDue = due;
          const send = () => {
            if (!to.destroyed) to.write(chunk);
          };
          if (due <= Date.now()) send();
          else setTimeout(send, due - Date.now());
        });
        from.on('close', () => {
          const wait = Math.max(0, lastDue - Date.now());
          setTimeout(() => to.destroy(), wait);
          link.sockets.delete(from);
        });
        from.on('error', () => undefined);
      };
      pipe(client, upstream);
      pipe(upstream, client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    link = new SlowLink(server, (server.address() as net.AddressInfo).port);
    return link;
  }

  url(path = '/graphql'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
