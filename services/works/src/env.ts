/** Configuration of the works subgraph process, validated at start-up. */
import { parseEnv, port, subgraphEnvShape } from '@articula/common';
import { z } from 'zod';

export const loadWorksEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...subgraphEnvShape,
      WORKS_PORT: port(4001),
      WORKS_HOST: z.string().default('127.0.0.1'),
    },
    source,
  );
export type WorksEnv = ReturnType<typeof loadWorksEnv>;
