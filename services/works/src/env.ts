/** Configuration of the works subgraph process, validated at start-up. */
import { appDatabaseUrl, parseEnv, port, subgraphEnvShape } from '@articula/common';
import { z } from 'zod';

export const loadWorksEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...subgraphEnvShape,
      WORKS_PORT: port(4001),
      WORKS_HOST: z.string().default('127.0.0.1'),
      /** The service's own database URL when its role is provisioned by hand; otherwise it is provisioned from DATABASE_URL. */
      WORKS_APP_DATABASE_URL: appDatabaseUrl(),
    },
    source,
  );
export type WorksEnv = ReturnType<typeof loadWorksEnv>;
