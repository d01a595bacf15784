/** Configuration of the gateway process, validated at start-up. */
import { appDatabaseUrl, databaseRoleEnvShape, identityEnvShape, parseEnv, port } from '@articula/common';
import { z } from 'zod';
import { DEFAULT_GATEWAY_TIMEOUT_MS } from './deadline.js';
import { MAX_BUDGET } from './rate-limit.js';
import { DEFAULT_PROBE_INTERVAL_MS, DEFAULT_PROBE_TIMEOUT_MS } from './subgraph-client.js';

export const tokenSecretShape = {
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').default('articula-local-development-token-secret-not-for-production'),
};

export const loadGatewayEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...identityEnvShape,
      ...tokenSecretShape,
      ...databaseRoleEnvShape,
      GATEWAY_APP_DATABASE_URL: appDatabaseUrl(),
      GATEWAY_PORT: port(4000),
      GATEWAY_HOST: z.string().default('127.0.0.1'),
      WORKS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
      PARTICIPATION_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
      BUDGET_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
      DATABASE_URL: z.string().optional(),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
      /** Every /graphql request is answered within this (HTTP 504, GATEWAY_TIMEOUT, after it); keep it above SUBGRAPH_TIMEOUT_MS. */
      GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_GATEWAY_TIMEOUT_MS),
      /** Health probes of each subgraph (GET /healthz): the pause between them, and how long one may take before the subgraph is marked down. */
      SUBGRAPH_PROBE_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(DEFAULT_PROBE_INTERVAL_MS),
      SUBGRAPH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(DEFAULT_PROBE_TIMEOUT_MS),
      /** `off` disables rate limiting (benchmarks of the limits' absence only); needs DATABASE_URL otherwise. */
      RATE_LIMIT: z.enum(['on', 'off']).default('on'),
      RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
      /** Per window, e.g. `anonymous.read=3000,anonymous.write=10,agency.write=600` (classes: anonymous, agency, official, bulk). */
      RATE_LIMITS: z.string().default('').transform((text, ctx) => {
        const limits: Record<string, Record<string, number>> = {};
        for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
          const m = /^(anonymous|agency|official|bulk)\.(read|write)=(\d+)$/.exec(item);
          if (!m) {
            ctx.addIssue({ code: 'custom', message: `"${item}" is not <class>.<read|write>=<number>` });
            return z.NEVER;
          }
          if (Number(m[3]) > MAX_BUDGET) {
            ctx.addIssue({ code: 'custom', message: `"${item}": at most ${MAX_BUDGET} per window` });
            return z.NEVER;
          }
          (limits[m[1]!] ??= {})[m[2]!] = Number(m[3]);
        }
        return limits;
      }),
      /** Client addresses not rate-limited when anonymous (comma-separated), e.g. a monitoring host. */
      RATE_LIMIT_EXEMPT: z.string().default('').transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean)),
      /** Express `trust proxy`: unset trusts no X-Forwarded-For; `loopback`, a hop count or addresses when behind a reverse proxy. */
      TRUST_PROXY: z.string().optional().transform((v) => (v === undefined || v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v)),
    },
    source,
  );
export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;
