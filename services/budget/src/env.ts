/** Configuration of the budget subgraph process, validated at start-up. */
import { DEPARTMENT_CODE, appDatabaseUrl, parseEnv, port, subgraphEnvShape } from '@articula/common';
import { z } from 'zod';

export const loadBudgetEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...subgraphEnvShape,
      BUDGET_PORT: port(4003),
      BUDGET_HOST: z.string().default('127.0.0.1'),
      /** The service's own database URL when its role is provisioned by hand; otherwise it is provisioned from DATABASE_URL. */
      BUDGET_APP_DATABASE_URL: appDatabaseUrl(),
      BUDGET_DEPARTMENT: z.string().regex(DEPARTMENT_CODE).default('GPP'),
      /** Where the demo seed reads the works and organizations it builds on. */
      WORKS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
      PARTICIPATION_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
    },
    source,
  );
