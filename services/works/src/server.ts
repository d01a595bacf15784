/**
 * The works subgraph as a factory: connect, migrate, seed, build the schema and serve. main.ts
 * and the tests both start it through here.
 */
import { type RunningServer, createLogger, createOrm, migrate, startSubgraphServer, todayInPeru } from '@articula/common';
import { entities, SCHEMA } from './entities.js';
import { createLoaders, type WorksContext } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildWorksSchema } from './schema.js';
import { seed } from './seed/seed.js';

export interface WorksServiceOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  identitySigningKey: string;
  demo?: boolean;
  demoScale?: number;
  poolMax?: number;
  exposeSqlStatementCount?: boolean;
}

export interface WorksService extends RunningServer {
  orm: Awaited<ReturnType<typeof createOrm>>;
}

export async function startWorksService(options: WorksServiceOptions): Promise<WorksService> {
  const logger = createLogger({ service: 'works' });
  const orm = await createOrm({ url: options.databaseUrl, schema: SCHEMA, entities, migrations, poolMax: options.poolMax });
  try {
    const applied = await migrate(orm, SCHEMA);
    if (applied.length) logger.info('migrations applied', { migrations: applied });
    const seeded = await seed(orm.em.fork(), { demo: options.demo ?? true, scale: options.demoScale });
    if (seeded.districts || seeded.works) logger.info('seeded', { ...seeded });
    const { schema } = await buildWorksSchema();
    const server = await startSubgraphServer<WorksContext>(
      {
        name: 'works',
        schema,
        orm,
        identitySigningKey: options.identitySigningKey,
        exposeSqlStatementCount: options.exposeSqlStatementCount,
        logger,
        extendContext: (base) => {
          const today = todayInPeru();
          return { ...base, today, loaders: createLoaders(base.em, today) };
        },
      },
      options.port,
      options.host,
    );
    return {
      ...server,
      orm,
      close: async () => {
        await server.close();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
