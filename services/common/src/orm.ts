/**
 * MikroORM for one subgraph: its own PostgreSQL schema, its own migrations (listed in code, so
 * that they run the same from sources under Jest and from dist/ in production), applied at
 * start-up inside one transaction.
 */
import { Migrator } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { DataloaderType, MikroORM, defineConfig, type EntityManager, type MigrationObject } from '@mikro-orm/postgresql';
import pg from 'pg';
import { DEFAULT_DATABASE_TIMEOUTS } from './env.js';
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
  /** Time limits of the connections; DEFAULT_DATABASE_TIMEOUTS for what is not given. */
  timeouts?: DatabaseTimeouts;
  debug?: boolean;
}

/**
 * Time limits of a service's PostgreSQL connections, so that no request waits on the database
 * without end. The statement limit stays under the gateway's deadline for a subgraph call
 * (SUBGRAPH_TIMEOUT_MS, 5 s), so that a query the gateway gave up on is over in PostgreSQL too.
 */
export interface DatabaseTimeouts {
  /** `statement_timeout`: PostgreSQL cancels a statement running longer (SQLSTATE 57014); 0 for none. */
  statementMs?: number;
  /** `idle_in_transaction_session_timeout`: a session idle inside a transaction this long is ended (its locks freed); 0 for none. */
  idleInTransactionMs?: number;
  /** How long to wait for a connection: opening a new one, or a free one when the pool is full. */
  connectMs?: number;
}


export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts };
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
      // The time limits are session settings from the start of each connection (RESET keeps them);
      // keepAlive finds a connection whose server vanished without closing it.
      driverOptions: {
        connectionString: options.url,
        options: `-c search_path=${options.schema} -c statement_timeout=${timeouts.statementMs} -c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
        connectionTimeoutMillis: timeouts.connectMs,
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        onPoolCreated: releaseDroppedConnections,
      },
      debug: options.debug ?? false,
      allowGlobalContext: false,
    }),
  );
}

/**
 * Gives a pooled connection back to the pool when PostgreSQL drops it while it is checked out.
 * Kysely (under MikroORM) releases a transaction's connection only after its COMMIT or ROLLBACK
 * succeeds, and on a dropped connection both fail: without this, every transaction open when
 * PostgreSQL restarts or crashes would hold its pool slot forever, and once all slots are held the
 * service could not reach the database again (each request waiting DB_CONNECT_TIMEOUT_MS, then
 * failing) until restarted. The pool discards a released connection that is no longer usable.
 */
export function releaseDroppedConnections(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    if (args.length > 0) return connect(...args); // the callback form: nobody here uses it
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release;
      let released = false;
      const onEnd = () => {
        if (released) return;
        released = true;
        release(new Error('PostgreSQL closed the connection while it was checked out'));
      };
      client.once('end', onEnd);
      client.release = ((error?: Error | boolean) => {
        client.off('end', onEnd);
        if (released) return;
        released = true;
        release(error);
      }) as typeof client.release;
      return client;
    });
  };
}

/**
 * Creates the service's schema if needed and applies pending migrations, all in one transaction
 * free of the request time limits (a migration may rewrite a large table); returns their names.
 */
export async function migrate(orm: MikroORM, schema: string): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
  const applied = await orm.em.fork().transactional(async (em) => {
    await liftTimeLimits(em);
    return orm.migrator.up({ transaction: em.getTransactionContext() });
  });
  return applied.map((m: { name: string }) => m.name);
}

/** For the rest of the current transaction only (SET LOCAL). */
async function liftTimeLimits(em: EntityManager): Promise<void> {
  await em.execute('set local statement_timeout = 0');
  await em.execute('set local idle_in_transaction_session_timeout = 0');
}

/**
 * Runs start-up work (seeding demo data, which may take a while at a large DEMO_SCALE) in one
 * transaction free of the request time limits; `fn`'s own transactions nest in it.
 */
export async function withoutTimeLimits<T>(em: EntityManager, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(async (tx) => {
    await liftTimeLimits(tx as EntityManager);
    return fn(tx as EntityManager);
  });
}
