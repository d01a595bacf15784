/** The budget subgraph as a factory: connect, migrate, seed (from the other subgraphs' APIs), serve. */
import { type RunningServer, createLogger, createOrm, migrate, startSubgraphServer, todayInPeru } from '@articula/common';
import { entities, SCHEMA } from './history.entity.js';
import { type BudgetConfig, type BudgetContext, createLoaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildBudgetSchema } from './schema.js';
import type { BudgetDemoInputs } from './seed/demo-data.js';
import { fetchDemoInputs } from './seed/demo-inputs.js';
import { isEmpty, seed } from './seed/seed.js';

export interface BudgetServiceOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  identitySigningKey: string;
  /** Demo data for an empty schema: inputs given directly (tests), or fetched from the other subgraphs. */
  demo?: false | { inputs: BudgetDemoInputs } | { worksUrl: string; participationUrl: string };
  demoScale?: number;
  poolMax?: number;
  exposeSqlStatementCount?: boolean;
  config?: Partial<BudgetConfig>;
}

export interface BudgetService extends RunningServer {
  orm: Awaited<ReturnType<typeof createOrm>>;
}

export async function startBudgetService(options: BudgetServiceOptions): Promise<BudgetService> {
  const logger = createLogger({ service: 'budget' });
  const config: BudgetConfig = { budgetDepartment: 'GPP', ...options.config };
  const orm = await createOrm({ url: options.databaseUrl, schema: SCHEMA, entities, migrations, poolMax: options.poolMax });
  try {
    const applied = await migrate(orm, SCHEMA);
    if (applied.length) logger.info('migrations applied', { migrations: applied });
    if (options.demo && (await isEmpty(orm.em.fork()))) {
      const inputs = 'inputs' in options.demo ? options.demo.inputs : await fetchDemoInputs(options.demo.worksUrl, options.demo.participationUrl);
      logger.info('seeded', await seed(orm.em.fork(), inputs, options.demoScale));
    }
    const { schema } = await buildBudgetSchema();
    const server = await startSubgraphServer<BudgetContext>(
      {
        name: 'budget', schema, orm, identitySigningKey: options.identitySigningKey, exposeSqlStatementCount: options.exposeSqlStatementCount, logger,
        extendContext: (base) => ({ ...base, today: todayInPeru(), config, loaders: createLoaders(base.em) }),
      },
      options.port,
      options.host,
    );
    return { ...server, orm, close: async () => { await server.close(); await orm.close(); } };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
