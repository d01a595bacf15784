/** The participation subgraph as a factory: connect, migrate, seed, build the schema and serve. */
import { type RunningServer, createLogger, createOrm, migrate, startSubgraphServer, todayInPeru } from '@articula/common';
import { DEFAULT_DEADLINES } from './env.js';
import { entities, SCHEMA } from './entities.js';
import { type ParticipationConfig, type ParticipationContext, createLoaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildParticipationSchema } from './schema.js';
import { seed } from './seed/seed.js';

export interface ParticipationServiceOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  identitySigningKey: string;
  demo?: boolean;
  demoScale?: number;
  poolMax?: number;
  exposeSqlStatementCount?: boolean;
  config?: Partial<ParticipationConfig>;
}

export interface ParticipationService extends RunningServer {
  orm: Awaited<ReturnType<typeof createOrm>>;
  config: ParticipationConfig;
}

export async function startParticipationService(options: ParticipationServiceOptions): Promise<ParticipationService> {
  const logger = createLogger({ service: 'participation' });
  const config: ParticipationConfig = { triageDepartment: 'GPC', deadlineDays: { ...DEFAULT_DEADLINES }, ...options.config };
  const orm = await createOrm({ url: options.databaseUrl, schema: SCHEMA, entities, migrations, poolMax: options.poolMax });
  try {
    const applied = await migrate(orm, SCHEMA);
    if (applied.length) logger.info('migrations applied', { migrations: applied });
    const seeded = await seed(orm.em.fork(), { demo: options.demo ?? true, scale: options.demoScale, config });
    if (seeded.organizations) logger.info('seeded', { ...seeded });
    const { schema } = await buildParticipationSchema();
    const server = await startSubgraphServer<ParticipationContext>(
      {
        name: 'participation',
        schema,
        orm,
        identitySigningKey: options.identitySigningKey,
        exposeSqlStatementCount: options.exposeSqlStatementCount,
        logger,
        extendContext: (base) => {
          const today = todayInPeru();
          return { ...base, today, config, loaders: createLoaders(base.em, today) };
        },
      },
      options.port,
      options.host,
    );
    return {
      ...server,
      orm,
      config,
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
