/** Configuration of the budget subgraph process, validated at start-up. */
import { DEPARTMENT_CODE, databaseEnvShape, identityEnvShape, parseEnv, port } from '@articula/common';
import { z } from 'zod';

export const loadBudgetEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...databaseEnvShape,
      ...identityEnvShape,
      BUDGET_PORT: port(4003),
      BUDGET_HOST: z.string().default('127.0.0.1'),
      DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
      DEMO_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
      DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
      BUDGET_DEPARTMENT: z.string().regex(DEPARTMENT_CODE).default('GPP'),
      /** Where the demo seed reads the works and organizations it builds on. */
      WORKS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
      PARTICIPATION_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
    },
    source,
  );
