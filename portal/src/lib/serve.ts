/**
 * A small static file server for the built portal (npm start and the tests). In production any web
 * server or CDN does this job; what matters is the same: correct types, compression for text, and
 * nothing outside the site's folder.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.jsonld': 'application/ld+json; charset=utf-8', '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.zip': 'application/zip', '.png': 'image/png', '.ico': 'image/x-icon', '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream', '.pf_fragment': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_filter': 'application/octet-stream',
};
const COMPRESSIBLE = /^(text\/|application\/(json|ld\+json|geo\+json|xml|javascript)|image\/svg)/;

export interface StaticServer { url: string; close(): Promise<void> }

export async function serveStatic(root: string, options: { port?: number; host?: string } = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

  async function resolve(urlPath: string): Promise<string | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const file = path.resolve(base, `.${path.posix.normalize(decoded)}`);
    if (file !== base && !file.startsWith(base + path.sep)) return null;
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      const index = path.join(file, 'index.html');
      return (await stat(index).catch(() => null))?.isFile() ? index : null;
    }
    return info?.isFile() ? file : null;
  }

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      // Directory URLs without a trailing slash get one, so relative links inside resolve.
      const file = await resolve(url.pathname);
      if (!file) {
        const notFound = path.join(base, '404.html');
        const body = await readFile(notFound).catch(() => Buffer.from('No encontrado'));
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      if (!url.pathname.endsWith('/') && file.endsWith(`${path.sep}index.html`) && !url.pathname.endsWith('index.html')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const info = await stat(file);
      const headers: Record<string, string> = {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        // Pages and datasets change with each build; Pagefind's fragments are content-addressed.
        'cache-control': file.includes(`${path.sep}pagefind${path.sep}`) ? 'public, max-age=86400' : 'public, max-age=300',
      };
      if (/\.(csv|json|geojson|jsonld|zip)$/.test(file) && file.includes(`${path.sep}datos${path.sep}`)) {
        headers['content-disposition'] = `inline; filename="${path.basename(file)}"`;
        headers['access-control-allow-origin'] = '*';
      }
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (acceptsGzip && COMPRESSIBLE.test(type) && info.size > 512) {
        let cached = gzipped.get(file);
        if (!cached || cached.mtimeMs !== info.mtimeMs) {
          cached = { mtimeMs: info.mtimeMs, body: gzipSync(await readFile(file), { level: 9 }) };
          gzipped.set(file, cached);
        }
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': String(cached.body.length) });
        res.end(req.method === 'HEAD' ? undefined : cached.body);
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': String(info.size) });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
