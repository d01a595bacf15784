// Serves the built portal (PORTAL_OUT_DIR, default portal/dist) on PORTAL_PORT (default 4321).
import { portalConfig } from '../src/lib/export/config.ts';
import { serveStatic } from '../src/lib/serve.ts';

const config = portalConfig();
const server = await serveStatic(config.outDir, { port: Number(process.env.PORTAL_PORT || 4321), host: process.env.PORTAL_HOST || '127.0.0.1' });
console.log(`portal: ${server.url}`);
