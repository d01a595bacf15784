/** Configuration of the participation subgraph process, validated at start-up. */
import { DEPARTMENT_CODE, appDatabaseUrl, parseEnv, port, subgraphEnvShape } from '@articula/common';
import { z } from 'zod';
import { RequestKind } from './enums.js';

/** Legal default: 30 business days for administrative procedures; 10 for access to public information (Ley 27806, art. 11). */
export const DEFAULT_DEADLINES: Record<RequestKind, number> = { NEED: 30, COMPLAINT: 30, INITIATIVE: 30, SUGGESTION: 30, INFORMATION_REQUEST: 10 };

/** "COMPLAINT=15,NEED=20" → overrides of the default deadlines. */
const deadlines = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const result: Record<string, number> = { ...DEFAULT_DEADLINES };
    for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [kind, days] = part.split('=');
      if (!kind || !(kind in DEFAULT_DEADLINES) || !/^\d{1,3}$/.test(days ?? '') || Number(days) < 1) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not KIND=business-days with KIND one of ${Object.keys(DEFAULT_DEADLINES).join(', ')}` });
        return z.NEVER;
      }
      result[kind] = Number(days);
    }
    return result;
  });

export const loadParticipationEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(
    {
      ...subgraphEnvShape,
      PARTICIPATION_PORT: port(4002),
      PARTICIPATION_HOST: z.string().default('127.0.0.1'),
      /** The service's own database URL when its role is provisioned by hand; otherwise it is provisioned from DATABASE_URL. */
      PARTICIPATION_APP_DATABASE_URL: appDatabaseUrl(),
      REQUEST_TRIAGE_DEPARTMENT: z.string().regex(DEPARTMENT_CODE).default('GPC'),
      REQUEST_DEADLINES: deadlines,
      /** Seconds between the overdue ticker's rounds (agreements that fell overdue are announced to subscribers). */
      OVERDUE_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    },
    source,
  );
export type ParticipationEnv = ReturnType<typeof loadParticipationEnv>;
