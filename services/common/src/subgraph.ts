/**
 * A subgraph's life: connect to PostgreSQL with its own schema, apply its migrations, seed an
 * empty schema, listen for cross-process events, build its federated schema and serve it; close
 * in the reverse order. Each service describes itself (SubgraphDefinition) and this runs it, for
 * main.ts and for tests alike.
 */
import type { MigrationObject } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { EventBus } from './events.js';
import { createLogger } from './logger.js';
import { type EntityManager, type MikroORM, createOrm, migrate } from './orm.js';
import { type BaseContext, type RunningServer, startSubgraphServer } from './server.js';

export interface SubgraphDefinition<C extends BaseContext> {
  name: string;
  /** The PostgreSQL schema the service owns. */
  schema: string;
  entities: Function[];
  migrations: MigrationObject[];
  /** Gets the running service's event bus, for schemas that wire it into their subscriptions. */
  buildSchema(runtime: { events: EventBus }): Promise<{ schema: GraphQLSchema }>;
  /** Fills an empty schema; returns what it loaded (for the log), or undefined when it loaded nothing. */
  seed?(em: EntityManager): Promise<Record<string, unknown> | undefined>;
  /** Adds the service's per-request state (DataLoaders, configuration) to the base context. */
  extendContext(base: BaseContext): C;
}

export interface SubgraphRuntimeOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  identitySigningKey: string;
  poolMax?: number;
  exposeSqlStatementCount?: boolean;
}

export interface StartedSubgraph extends RunningServer {
  orm: MikroORM;
  events: EventBus;
}

export async function startSubgraph<C extends BaseContext>(definition: SubgraphDefinition<C>, options: SubgraphRuntimeOptions): Promise<StartedSubgraph> {
  const logger = createLogger({ service: definition.name });
  const orm = await createOrm({ url: options.databaseUrl, schema: definition.schema, entities: definition.entities, migrations: definition.migrations, poolMax: options.poolMax });
  let events: EventBus | undefined;
  try {
    const applied = await migrate(orm, definition.schema);
    if (applied.length) logger.info('migrations applied', { migrations: applied });
    const seeded = await definition.seed?.(orm.em.fork());
    if (seeded) logger.info('seeded', seeded);
    events = await EventBus.start({ databaseUrl: options.databaseUrl, logger: logger.child({ component: 'events' }) });
    const { schema } = await definition.buildSchema({ events });
    const server = await startSubgraphServer<C>(
      {
        name: definition.name, schema, orm, identitySigningKey: options.identitySigningKey, exposeSqlStatementCount: options.exposeSqlStatementCount, logger,
        extendContext: definition.extendContext, events,
      },
      options.port,
      options.host,
    );
    return {
      ...server,
      orm,
      events,
      close: async () => {
        await server.close();
        await events?.close();
        await orm.close();
      },
    };
  } catch (error) {
    await events?.close();
    await orm.close();
    throw error;
  }
}
