/** The works subgraph: what it owns, how it seeds, its dataset download; common's startSubgraph runs it (main.ts and tests). */
import { type MikroORM, type StartedSubgraph, type SubgraphRuntimeOptions, createLogger, startSubgraph, todayInPeru } from '@articula/common';
import { mountWorksCsv } from './modules/dataset/works-csv.js';
import { AlertDetector } from './modules/realtime/alert-detector.js';
import { entities, SCHEMA } from './entities.js';
import { createLoaders, type WorksContext } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildWorksSchema } from './schema.js';
import { seed } from './seed/seed.js';

export interface WorksServiceOptions extends SubgraphRuntimeOptions {
  /** Load the demo data into an empty database (the districts are always loaded). */
  demo?: boolean;
  demoScale?: number;
}

export interface WorksService extends StartedSubgraph {
  alerts: AlertDetector;
}

export async function startWorksService(options: WorksServiceOptions): Promise<WorksService> {
  let orm: MikroORM | undefined;
  const alerts = new AlertDetector(() => orm!.em.fork() as any, createLogger({ service: 'works' }));
  const started = await startSubgraph<WorksContext>(
    {
      name: 'works', schema: SCHEMA, entities, migrations, buildSchema: buildWorksSchema,
      // The change history: the service's role may read and append to it, never rewrite it.
      insertOnlyTables: ['work_change', 'progress_report'],
      seed: async (em) => {
        const seeded = await seed(em, { demo: options.demo ?? true, scale: options.demoScale });
        return seeded.districts || seeded.works ? { ...seeded } : undefined;
      },
      extendContext: (base) => {
        const today = todayInPeru();
        return { ...base, today, loaders: createLoaders(base.em, today), alerts };
      },
      routes: mountWorksCsv,
    },
    options,
  );
  orm = started.orm;
  return {
    ...started,
    alerts,
    close: async () => {
      await alerts.stop();
      await started.close();
    },
  };
}
