/** The budget subgraph: what it owns and how it seeds; common's startSubgraph runs it (main.ts and tests). */
import { type StartedSubgraph, type SubgraphRuntimeOptions, startSubgraph, todayInPeru } from '@articula/common';
import { entities, SCHEMA } from './history.entity.js';
import { type BudgetConfig, type BudgetContext, createLoaders } from './loaders.js';
import { migrations } from './migrations/index.js';
import { buildBudgetSchema } from './schema.js';
import type { BudgetDemoInputs } from './seed/demo-data.js';
import { fetchDemoInputs } from './seed/demo-inputs.js';
import { isEmpty, seed } from './seed/seed.js';

export interface BudgetServiceOptions extends SubgraphRuntimeOptions {
  /** Demo data for an empty schema: inputs given directly (tests), or fetched from the other subgraphs' APIs. */
  demo?: false | { inputs: BudgetDemoInputs } | { worksUrl: string; participationUrl: string };
  demoScale?: number;
  config?: Partial<BudgetConfig>;
}

export type BudgetService = StartedSubgraph;

export function startBudgetService(options: BudgetServiceOptions): Promise<BudgetService> {
  const config: BudgetConfig = { budgetDepartment: 'GPP', ...options.config };
  const demo = options.demo;
  return startSubgraph<BudgetContext>(
    {
      name: 'budget', schema: SCHEMA, entities, migrations, buildSchema: buildBudgetSchema,
      // The change history: the service's role may read and append to it, never rewrite it.
      insertOnlyTables: ['change_log'],
      seed: async (em) => {
        if (!demo || !(await isEmpty(em))) return undefined;
        const inputs = 'inputs' in demo ? demo.inputs : await fetchDemoInputs(demo.worksUrl, demo.participationUrl);
        return seed(em, inputs, options.demoScale);
      },
      extendContext: (base) => ({ ...base, today: todayInPeru(), config, loaders: createLoaders(base.em) }),
    },
    options,
  );
}
