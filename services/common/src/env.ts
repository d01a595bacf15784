/**
 * Configuration is read once per process, validated against a schema, and exported as one typed
 * object. A bad or missing variable stops the process at start-up with one line per problem.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  // Empty strings mean "unset", as in a copied .env.example with blank values.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return result.data;
}

/** Variables shared by every process that touches the database. */
export const databaseEnvShape = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  DATA_DIR: z.string().optional(),
};

/** The key subgraphs use to check the identity the gateway passes them. */
export const identityEnvShape = {
  IDENTITY_SIGNING_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .default('articula-local-development-identity-signing-key-not-for-production'),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** What every subgraph process reads besides its own port: database, identity key, demo data, pool size. */
export const subgraphEnvShape = {
  ...databaseEnvShape,
  ...identityEnvShape,
  DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  DEMO_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
};
