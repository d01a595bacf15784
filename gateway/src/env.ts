/** Configuration of the gateway process, validated at start-up. */
import { identityEnvShape, parseEnv, port } from '@articula/common';
import { z } from 'zod';

export const tokenSecretShape = {
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').default('articula-local-development-token-secret-not-for-production'),
};

export const loadGatewayEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...identityEnvShape,
      ...tokenSecretShape,
      GATEWAY_PORT: port(4000),
      GATEWAY_HOST: z.string().default('127.0.0.1'),
      WORKS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
      PARTICIPATION_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
      BUDGET_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
      DATABASE_URL: z.string().optional(),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    },
    source,
  );
export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;
