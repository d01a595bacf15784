/** Configuration of the works subgraph process, validated at start-up. */
import { databaseEnvShape, identityEnvShape, parseEnv, port } from '@articula/common';
import { z } from 'zod';

export const loadWorksEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...databaseEnvShape,
      ...identityEnvShape,
      WORKS_PORT: port(4001),
      WORKS_HOST: z.string().default('127.0.0.1'),
      DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
      DEMO_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
      DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    },
    source,
  );
export type WorksEnv = ReturnType<typeof loadWorksEnv>;
