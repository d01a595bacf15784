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

/** Local default of DATABASE_ROLE_SECRET; anywhere else, set your own. */
export const DEFAULT_DATABASE_ROLE_SECRET = 'articula-local-development-database-role-secret-not-for-production';

/**
 * The secret the passwords of the services' database roles are derived from (db-roles.ts). Every
 * process on one PostgreSQL server must share it: they all provision the same roles.
 */
export const databaseRoleEnvShape = {
  DATABASE_ROLE_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_DATABASE_ROLE_SECRET),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A service's own database URL, given by an operator who provisions its role by hand (nothing is provisioned then). */
export const appDatabaseUrl = () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional();

/**
 * Time limits of a subgraph's PostgreSQL connections (orm.ts): statements (keep it under the
 * gateway's SUBGRAPH_TIMEOUT_MS), sessions idle inside a transaction, and waiting for a connection.
 */
export const DEFAULT_DATABASE_TIMEOUTS = { statementMs: 4_000, idleInTransactionMs: 10_000, connectMs: 4_000 } as const;
export const databaseTimeoutEnvShape = {
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
};

/** What every subgraph process reads besides its own port: database, its role's secret, identity key, demo data, pool size. */
export const subgraphEnvShape = {
  ...databaseEnvShape,
  ...databaseRoleEnvShape,
  ...identityEnvShape,
  DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  DEMO_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  ...databaseTimeoutEnvShape,
};

/** The database time limits of a subgraph process, from its environment. */
export function databaseTimeouts(env: { DB_STATEMENT_TIMEOUT_MS: number; DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number; DB_CONNECT_TIMEOUT_MS: number }) {
  return { statementMs: env.DB_STATEMENT_TIMEOUT_MS, idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, connectMs: env.DB_CONNECT_TIMEOUT_MS };
}
