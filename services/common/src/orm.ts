/**
 * MikroORM for one subgraph: its own PostgreSQL schema, its own migrations (listed in code, so
 * that they run the same from sources under Jest and from dist/ in production), applied at
 * start-up inside one transaction.
 */
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { DataloaderType, MikroORM, defineConfig, type EntityManager, type MigrationObject } from '@mikro-orm/postgresql';
import pg from 'pg';
import { countSqlStatement } from './sql-stats.js';

export type { EntityManager };
export { MikroORM };

export interface OrmOptions {
  url: string;
  /** The PostgreSQL schema this service owns. */
  schema: string;
  entities: Function[];
  migrations: MigrationObject[];
  poolMax?: number;
  debug?: boolean;
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(
    defineConfig({
      clientUrl: options.url,
      schema: options.schema,
      entities: options.entities,
      metadataProvider: ReflectMetadataProvider,
      extensions: [Migrator],
      migrations: {
        migrationsList: options.migrations,
        tableName: 'mikro_orm_migrations',
        schema: options.schema,
        transactional: true,
        allOrNothing: true,
        snapshot: false,
        silent: true,
      },
      // Batching is done by the services' own DataLoaders, per request, where it is visible.
      dataloader: DataloaderType.NONE,
      onQuery: countSqlStatement,
      pool: { min: 0, max: options.poolMax ?? 10 },
      // Unqualified SQL resolves in the service's own schema. The full URL goes to pg as well, so
      // that its other parameters (sslmode, …) are honoured; MikroORM only reads host, port, user, db.
      driverOptions: { connectionString: options.url, options: `-c search_path=${options.schema}` },
      debug: options.debug ?? false,
      allowGlobalContext: false,
    }),
  );
}

/** Creates the service's schema if needed and applies pending migrations; returns their names. */
export async function migrate(orm: MikroORM, schema: string): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
  const applied = await orm.migrator.up();
  return applied.map((m: { name: string }) => m.name);
}
