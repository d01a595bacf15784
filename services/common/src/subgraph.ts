/**
 * A subgraph's life: apply its migrations as the database's administrator, provision the service's
 * own role (db-roles.ts) and connect as that role from then on, seed an empty schema, listen for
 * cross-process events, build its federated schema and serve it; close in the reverse order. Each
 * service describes itself (SubgraphDefinition) and this runs it, for main.ts and for tests alike.
 */
import type { MigrationObject } from '@mikro-orm/postgresql';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import { AUDIT_TABLE } from './audit.js';
import { provisionServiceRole, serviceRoleName } from './db-roles.js';
import { DEFAULT_DATABASE_ROLE_SECRET } from './env.js';
import { EventBus } from './events.js';
import { type Logger, createLogger } from './logger.js';
import { type DatabaseTimeouts, type EntityManager, type MikroORM, createOrm, migrate, withoutTimeLimits } from './orm.js';
import { type BaseContext, type RunningServer, startSubgraphServer } from './server.js';

export interface SubgraphDefinition<C extends BaseContext> {
  name: string;
  /** The PostgreSQL schema the service owns. */
  schema: string;
  entities: Function[];
  migrations: MigrationObject[];
  /** Tables the service may only read and append to (its change history); audit_log always is. */
  insertOnlyTables: string[];
  /** The service's database role; `articula_<schema>` unless given. */
  role?: string;
  /** Gets the running service's event bus, for schemas that wire it into their subscriptions. */
  buildSchema(runtime: { events: EventBus }): Promise<{ schema: GraphQLSchema }>;
  /** Fills an empty schema; returns what it loaded (for the log), or undefined when it loaded nothing. */
  seed?(em: EntityManager): Promise<Record<string, unknown> | undefined>;
  /** Adds the service's per-request state (DataLoaders, configuration) to the base context. */
  extendContext(base: BaseContext): C;
  /**
   * Mounts plain HTTP routes beside /graphql (a dataset download). What they hold (a connection
   * pool of their own) is released by the returned `close`, once the HTTP server has stopped.
   */
  routes?(app: express.Express, runtime: SubgraphRouteRuntime): SubgraphRoutes;
}

/** What a service's own HTTP routes may use. */
export interface SubgraphRouteRuntime {
  /** The service's own role's database URL (never the administrator's). */
  databaseUrl: string;
  logger: Logger;
}

export interface SubgraphRoutes {
  close(): Promise<void>;
}

export interface SubgraphRuntimeOptions {
  /** The administrator's connection (the tables' owner): migrations, and provisioning the service's role. */
  databaseUrl: string;
  /** The service's own connection, for an operator who provisions its role by hand; nothing is provisioned then. */
  appDatabaseUrl?: string;
  /** The secret the role's password is derived from (DATABASE_ROLE_SECRET); the local default unless given. */
  databaseRoleSecret?: string;
  port: number;
  host?: string;
  identitySigningKey: string;
  poolMax?: number;
  /** statement_timeout, idle_in_transaction_session_timeout, connection wait (orm.ts); the defaults when not given. */
  databaseTimeouts?: DatabaseTimeouts;
  exposeSqlStatementCount?: boolean;
}

export interface StartedSubgraph extends RunningServer {
  /** The ORM of the service's own role: what requests, seeding and the event bus use. */
  orm: MikroORM;
  events: EventBus;
  /** The URL the service connects with (its own role's). */
  appDatabaseUrl: string;
}

export async function startSubgraph<C extends BaseContext>(definition: SubgraphDefinition<C>, options: SubgraphRuntimeOptions): Promise<StartedSubgraph> {
  const logger = createLogger({ service: definition.name });
  const ormOptions = { schema: definition.schema, entities: definition.entities, migrations: definition.migrations, timeouts: options.databaseTimeouts };
  // Migrations need the owner; nothing else does, so its connections close right after.
  const admin = await createOrm({ ...ormOptions, url: options.databaseUrl, poolMax: 2 });
  try {
    const applied = await migrate(admin, definition.schema);
    if (applied.length) logger.info('migrations applied', { migrations: applied });
  } finally {
    await admin.close();
  }
  const appDatabaseUrl = options.appDatabaseUrl ?? await provisionServiceRole(options.databaseUrl, {
    schema: definition.schema,
    role: definition.role ?? serviceRoleName(definition.schema),
    insertOnlyTables: [...definition.insertOnlyTables, AUDIT_TABLE],
    hiddenTables: ['mikro_orm_migrations'],
    secret: options.databaseRoleSecret ?? DEFAULT_DATABASE_ROLE_SECRET,
  });
  const orm = await createOrm({ ...ormOptions, url: appDatabaseUrl, poolMax: options.poolMax });
  let events: EventBus | undefined;
  let routes: SubgraphRoutes | undefined;
  try {
    // The role logs in and reaches its schema now, not at the first request.
    await orm.em.getConnection().execute('select 1');
    const seeded = definition.seed ? await withoutTimeLimits(orm.em.fork(), (em) => definition.seed!(em)) : undefined;
    if (seeded) logger.info('seeded', seeded);
    events = await EventBus.start({ databaseUrl: appDatabaseUrl, logger: logger.child({ component: 'events' }) });
    const { schema } = await definition.buildSchema({ events });
    const server = await startSubgraphServer<C>(
      {
        name: definition.name, schema, orm, identitySigningKey: options.identitySigningKey, exposeSqlStatementCount: options.exposeSqlStatementCount, logger,
        extendContext: definition.extendContext, events,
        routes: definition.routes && ((app) => {
          routes = definition.routes!(app, { databaseUrl: appDatabaseUrl, logger });
        }),
      },
      options.port,
      options.host,
    );
    return {
      ...server,
      orm,
      events,
      appDatabaseUrl,
      close: async () => {
        await server.close();
        await routes?.close();
        await events?.close();
        await orm.close();
      },
    };
  } catch (error) {
    await routes?.close();
    await events?.close();
    await orm.close();
    throw error;
  }
}
